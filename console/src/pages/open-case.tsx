import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import type { Session } from '../auth';
import { Loading } from '../components';
import { useI18n } from '../i18n';
import { componentSchema, SchemaForm, type JsonSchema } from '../schema-form';

const TYPES: Schemas['OpenCase']['type'][] = ['port-visa', 'multi-entry-visa', 'hukou-migration', 'first-id-card'];

/** The opening form of a type: the common fields of OpenCase with `details` replaced by the type's own schema. */
async function openingSchema(type: string): Promise<JsonSchema> {
  const common = (await componentSchema('OpenCase'))!;
  const details = (await componentSchema(`OpenCaseDetails_${type.replace(/-/g, '_')}`))!;
  const { channel, applicant, materials } = common.properties!;
  return {
    type: 'object',
    properties: { channel: { ...channel, enum: channel.enum?.filter((c) => c === 'window') }, applicant, materials, details },
    required: ['channel', 'applicant', 'materials', 'details'],
  };
}

/** A caseworker opens a case of any type at the window, with the type’s form; its offices decide whether it is cross-province. */
export function OpenCasePage({ session }: { session: Session }) {
  const { t, term } = useI18n();
  const [type, setType] = useState<string>(TYPES[0]);
  const [schema, setSchema] = useState<JsonSchema>();
  useEffect(() => {
    setSchema(undefined);
    void openingSchema(type).then(setSchema);
  }, [type]);
  const submit = async (body: Record<string, unknown>, key: string) => {
    const { data, error } = await api.POST('/cases', { body: body as Schemas['OpenCase'], params: { header: { 'Idempotency-Key': key } } });
    if (data) location.hash = `#/case/${data.caseId}`;
    return { ok: !!data, problem: error };
  };
  return (
    <section class="card">
      <h1>{t('openCase')}</h1>
      <div class="field">
        <label for="case-type">{t('type')}</label>
        <select id="case-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {term(x)}
            </option>
          ))}
        </select>
      </div>
      {schema ? (
        <SchemaForm key={type} schema={schema} base={{ type, receivingOffice: session.office }} submitLabel={t('openCase')} onSubmit={submit} />
      ) : (
        <Loading />
      )}
    </section>
  );
}
