import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, problemText, type Problem } from './api/client';
import { newKey } from './format';
import { useI18n } from './i18n';

/** The part of JSON Schema the API's request schemas use. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  title?: string;
  description?: string;
  enum?: string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

let documentPromise: Promise<{ components: { schemas: Record<string, JsonSchema> } }> | undefined;

/** The API's own OpenAPI document: forms are generated from the schemas the server validates with. */
export function apiDocument() {
  documentPromise ??= api.GET('/docs-json').then(({ data }) => data as unknown as { components: { schemas: Record<string, JsonSchema> } });
  return documentPromise;
}

export async function componentSchema(id: string): Promise<JsonSchema | undefined> {
  return (await apiDocument()).components.schemas[id];
}

/** The body schema of an action for a case type (ActionBody lists one variant per action, per type where they differ). */
export async function actionSchema(action: string, caseType: string): Promise<JsonSchema> {
  const variants = (await componentSchema('ActionBody'))?.anyOf ?? [];
  const found =
    variants.find((v) => v.title === action) ??
    variants.find(
      (v) =>
        v.title?.startsWith(`${action} (`) &&
        v.title
          .slice(action.length + 2, -1)
          .split(', ')
          .includes(caseType),
    );
  return found ?? { type: 'object', properties: {} };
}

type Errors = Record<string, string>;

/** Field names are dotted paths (`details.invitingCompany.name`), the same the server's problem+json `errors` use. */
function Field({ path, schema, required, errors, label }: { path: string; schema: JsonSchema; required: boolean; errors: Errors; label?: string }) {
  const { term } = useI18n();
  const id = `f-${path.replace(/\W/g, '-')}`;
  const name = label ?? path.split('.').pop()!;
  const error = errors[path];
  const described = error ? { 'aria-describedby': `${id}-error`, 'aria-invalid': true as const } : {};
  const message = error ? (
    <span id={`${id}-error`} class="field-error" role="alert">
      {error}
    </span>
  ) : null;
  if (schema.type === 'object' && schema.properties) {
    return (
      <fieldset class={error ? 'invalid' : ''}>
        <legend>{name}</legend>
        {message}
        {Object.entries(schema.properties).map(([key, child]) => (
          <Field key={key} path={`${path}.${key}`} schema={child} required={schema.required?.includes(key) ?? false} errors={errors} />
        ))}
      </fieldset>
    );
  }
  // Arrays of objects (e.g. metro-area years) are optional everywhere they occur: left out of the form.
  if (schema.type === 'array' && schema.items?.type === 'object') return null;
  let input: JSX.Element;
  if (schema.enum) {
    input = (
      <select id={id} name={path} required={required} {...described}>
        {!required && <option value="">—</option>}
        {schema.enum.map((v) => (
          <option key={v} value={v}>
            {term(v)}
          </option>
        ))}
      </select>
    );
  } else if (schema.type === 'boolean') {
    input = <input id={id} name={path} type="checkbox" value="true" {...described} />;
  } else if (schema.type === 'array') {
    input = <textarea id={id} name={path} rows={3} required={required} data-kind="lines" {...described} />;
  } else if (schema.type === 'integer' || schema.type === 'number') {
    input = <input id={id} name={path} type="number" step={schema.type === 'integer' ? 1 : 'any'} required={required} data-kind="number" {...described} />;
  } else {
    input =
      schema.format === 'date' ? (
        <input id={id} name={path} type="date" required={required} {...described} />
      ) : (
        <input id={id} name={path} type="text" required={required} autoComplete="off" {...described} />
      );
  }
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {name}
        {required ? ' *' : ''}
      </label>
      {input}
      {message}
    </div>
  );
}

/** Reads a form's fields back into the nested JSON the schema describes, leaving empty optional fields out. */
function formValue(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const element of Array.from(form.elements)) {
    const el = element as HTMLInputElement;
    if (!el.name || el.disabled) continue;
    let value: unknown;
    if (el.type === 'checkbox') value = el.checked ? true : undefined;
    else if (el.value.trim() === '') value = undefined;
    else if (el.dataset.kind === 'number') value = Number(el.value);
    else if (el.dataset.kind === 'lines')
      value = el.value
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    else value = el.value.trim();
    if (value === undefined) continue;
    const parts = el.name.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = value;
  }
  return out;
}

export interface SubmitResult {
  ok: boolean;
  problem?: Problem;
}

/**
 * A form generated from a JSON schema. One Idempotency-Key per submission: it is made when the form is
 * shown and kept until the server has answered with success, so a double click or a retry after a lost
 * answer sends the same key and never acts twice; the submit button is also disabled while a request is out.
 */
export function SchemaForm({
  schema,
  submitLabel,
  onSubmit,
  extra,
  base = {},
  labelPrefix,
}: {
  schema: JsonSchema;
  submitLabel: string;
  onSubmit: (body: Record<string, unknown>, idempotencyKey: string) => Promise<SubmitResult>;
  extra?: JSX.Element;
  base?: Record<string, unknown>;
  labelPrefix?: string;
}) {
  const { t } = useI18n();
  const key = useRef(newKey());
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    try {
      const body = { ...base, ...formValue(e.currentTarget as HTMLFormElement) };
      const result = await onSubmit(body, key.current);
      if (result.ok) {
        key.current = newKey();
        setErrors({});
        setMessage(undefined);
        return;
      }
      const fieldErrors = Object.fromEntries((result.problem?.errors ?? []).map((x) => [labelPrefix ? `${labelPrefix}.${x.path}` : x.path, x.message]));
      setErrors(fieldErrors);
      setMessage(Object.keys(fieldErrors).length > 0 ? `${t('fixFields')}: ${problemText(result.problem)}` : problemText(result.problem));
    } finally {
      busy.current = false;
      setPending(false);
    }
  };
  const root = labelPrefix ?? '';
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {extra}
      {Object.entries(schema.properties ?? {}).map(([name, child]) => (
        <Field
          key={name}
          path={root ? `${root}.${name}` : name}
          label={name}
          schema={child}
          required={schema.required?.includes(name) ?? false}
          errors={errors}
        />
      ))}
      {message && (
        <p class="form-error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
