import { z } from 'zod';
import {
  actionsOf,
  CASE_TYPES,
  caseTypes,
  CHANNELS,
  officeCode,
  openCaseSchema,
  referenceSchemas,
  REPRESENTATIVE_ROLES,
  type AnyCaseTypeModule,
} from '../../domain';
import { readModelViews } from '../../projections/read-models';

/**
 * The schemas of the API: what requests are validated with (the domain's own zod schemas, and the query
 * schemas below) and what answers look like. The OpenAPI document is generated from these; a schema
 * registered here becomes `#/components/schemas/<id>`.
 */
export const components = z.registry<{ id: string; description?: string }>();

/** Stream versions are PostgreSQL integers. */
const MAX_VERSION = 2 ** 31 - 1;

// ---- requests ----

export const OpenCase = openCaseSchema.register(components, { id: 'OpenCase' });

/**
 * Each case type's `details` of `POST /cases` (as `OpenCase_<type>`): the opening schema checks them by
 * the type named in `type`, so they are listed beside it for clients that build the form per type.
 */
// Each module as the kernel sees it: the union of every type's own details schema is too large for the compiler.
export const OpenCaseDetails = Object.fromEntries(
  Object.values<AnyCaseTypeModule>(caseTypes).map((module) => [
    module.type,
    module.details.register(components, { id: `OpenCaseDetails_${module.type.replace(/-/g, '_')}`, description: `details of a ${module.type} opening` }),
  ]),
);

/** Every action body of every case type (an action whose body differs by type is listed per variant). */
function actionBodies(): { names: string[]; bodies: z.ZodType[] } {
  const variants = new Map<string, { name: string; types: string[]; payload: z.ZodType }>();
  for (const module of Object.values(caseTypes)) {
    for (const [name, def] of actionsOf(module)) {
      const key = `${name}\n${JSON.stringify(z.toJSONSchema(def.payload, { io: 'input', unrepresentable: 'any' }))}`;
      const variant = variants.get(key) ?? { name, types: [] as string[], payload: def.payload };
      variant.types.push(module.type);
      variants.set(key, variant);
    }
  }
  const all = [...variants.values()];
  const bodies = all.map((v) => {
    const ambiguous = all.filter((o) => o.name === v.name).length > 1;
    return v.payload.meta({ title: ambiguous ? `${v.name} (${v.types.join(', ')})` : v.name });
  });
  return { names: [...new Set(all.map((v) => v.name))].sort(), bodies };
}
const actions = actionBodies();
export const ACTION_NAMES = actions.names;
// anyOf, not oneOf: several actions share a body shape (accept, approve and resume-clock all take {}).
export const ActionBody = z
  .union(actions.bodies as [z.ZodType, z.ZodType, ...z.ZodType[]])
  .register(components, { id: 'ActionBody', description: 'the body of the action named in the path' });

export const EmptyBody = z.object({}).strict().nullish();

const caseId = z.string().meta({ format: 'uuid', description: 'the case id (an unknown or malformed one is 404)' });
export const caseIdParams = z.object({ caseId });
export const actionParams = z.object({ caseId, action: z.enum(ACTION_NAMES as [string, ...string[]]) });
/** Cross-province is routing derived from the offices (docs/domain.md §7.9.1): lists and queues filter on it. */
const crossProvinceFilter = z
  .enum(['true', 'false'])
  .optional()
  .describe('true: only cases whose offices lie in two provinces (跨省通辦); false: only cases within one province');

/** The query's `crossProvince` as the read models compare it; absent: both. */
export const crossProvinceOf = (q: { crossProvince?: 'true' | 'false' }): boolean | undefined =>
  q.crossProvince === undefined ? undefined : q.crossProvince === 'true';

export const officeParams = z.object({ office: officeCode });
export const queueQuery = z.object({ crossProvince: crossProvinceFilter }).strict();
export type QueueQuery = z.infer<typeof queueQuery>;
export const projectionParams = z.object({ name: z.enum(Object.keys(readModelViews) as [string, ...string[]]) });

const STATUSES = ['submitted', 'awaiting-materials', 'accepted', 'approved', 'completed', 'not-accepted', 'refused', 'withdrawn', 'revoked'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A page cursor is base64url of `<ISO instant>|<case id>`; anything else would reach SQL as a bad timestamp. */
function isCursor(cursor: string): boolean {
  const [at, caseId, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const instant = new Date(at ?? '');
  // As the list hands it out: toISOString of a year 1-9999 instant (extended years do not fit a timestamptz).
  return rest.length === 0 && UUID.test(caseId ?? '') && /^(?!0000)\d{4}-/.test(at ?? '') && !Number.isNaN(instant.getTime()) && instant.toISOString() === at;
}

/** The identifiers a case can be looked up by: exactly one, matched exactly (ID and passport numbers in capitals). */
const lookupFields = {
  receipt: z.string().trim().min(1).max(64).describe('a receipt number the case issued').optional(),
  document: z.string().trim().min(1).max(64).describe('a document number the case issued (permit, card, visa)').optional(),
  idNumber: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^\d{17}[\dX]$/, 'an 18-character resident ID number'))
    .describe("the applicant's resident ID number")
    .optional(),
  passportNo: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{5,20}$/, 'letters and digits, 5-20 characters'))
    .describe("the applicant's passport number")
    .optional(),
};
export const listQuery = z
  .object({
    type: z.enum(CASE_TYPES).optional(),
    status: z.enum(STATUSES).optional(),
    office: officeCode.optional(),
    sla: z.enum(['on-track', 'at-risk', 'breached', 'paused', 'none']).optional(),
    crossProvince: crossProvinceFilter,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).refine(isCursor, 'not a cursor this API handed out').optional(),
    ...lookupFields,
  })
  .strict()
  .refine((q) => Object.keys(lookupFields).filter((k) => q[k as keyof typeof q] !== undefined).length <= 1, 'look a case up by one identifier at a time');
export type ListQuery = z.infer<typeof listQuery>;

const exactlyOne = (q: Record<string, unknown>) => Object.keys(lookupFields).filter((k) => q[k] !== undefined).length === 1;

export const Lookup = z
  .object(lookupFields)
  .strict()
  .refine(exactlyOne, 'give exactly one of receipt, document, idNumber or passportNo')
  .register(components, { id: 'Lookup' });
export type LookupBody = z.infer<typeof Lookup>;

/** Years 1-9999: what ISO-8601 without extensions, and the store's timestamps, can hold. */
const isInstant = (at: string) => {
  const year = new Date(at).getUTCFullYear();
  return year >= 1 && year <= 9999;
};

export const asOfQuery = z
  .object({
    version: z.coerce.number().int().min(1, 'version must be a positive integer').max(MAX_VERSION, 'version must be a positive integer').optional(),
    at: z.string().refine(isInstant, 'at must be an ISO-8601 instant').meta({ format: 'date-time' }).optional(),
  })
  .strict()
  .refine((q) => (q.version === undefined) !== (q.at === undefined), 'give exactly one of ?version=N or ?at=ISO-instant');
export type AsOfQuery = z.infer<typeof asOfQuery>;

export const slaBoardQuery = z
  .object({
    office: officeCode.optional(),
    type: z.enum(CASE_TYPES).optional(),
    // One case's rows, so a live board can redraw the rows an alert is about instead of reading the whole board.
    caseId: z
      .string()
      .regex(UUID, 'a case id (UUID, small letters)')
      .optional()
      .meta({ description: "only this case's clocks (none when it is closed, unknown or outside your scope)" }),
  })
  .strict();
export type SlaBoardQuery = z.infer<typeof slaBoardQuery>;

// ---- answers ----

export const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), instance: z.string().optional() })
  .register(components, { id: 'Problem', description: 'RFC 9457 problem details; some carry `errors` or other extra members' });

const counts = z.record(z.string(), z.number().int());
const instant = z.string().meta({ format: 'date-time' });

export const CaseView = z
  .object({
    caseId: z.string(),
    type: z.enum(CASE_TYPES),
    status: z.enum(STATUSES),
    step: z.string(),
    channel: z.enum(CHANNELS).describe('how the case was lodged: window or online (cases lodged with the deprecated cross-province channel show window)'),
    crossProvince: z.boolean().describe('whether two of its offices lie in different provinces (跨省通辦): routing, derived from the offices'),
    receivingOffice: z.string(),
    handlingOffice: z.string(),
    involvedOffices: z.array(z.string()),
    applicant: z.looseObject({ name: z.string() }),
    representative: z
      .looseObject({ role: z.enum(REPRESENTATIVE_ROLES), name: z.string() })
      .optional()
      .describe('who lodged for the applicant (the person the case is about), where the type allows it; SLA monitors see the role only'),
    parentCaseId: z.uuid().optional().describe('the case this one was lodged as a child of (a temporary ID card: its card case)'),
    childCases: z
      .array(z.object({ caseId: z.uuid(), type: z.string(), at: instant }))
      .optional()
      .describe('the cases lodged as children of this one, as it recorded them (ChildCaseLinked)'),
    assignee: z.string().nullable(),
    version: z.number().int(),
    openedAt: instant,
    closedAt: instant.nullable(),
    sla: z.array(
      z.looseObject({
        clock: z.string(),
        deadline: instant,
        state: z.string(),
        escalation: z.number().int(),
        provisional: z.boolean(),
        remainingWorkingDays: z.number().int().optional().describe('working days left to the deadline as of the answer (0 = due today, negative = overdue)'),
      }),
    ),
    documents: z.array(z.looseObject({})),
    possibleDuplicates: z
      .object({
        cases: z.array(z.object({ caseId: z.string(), receivingOffice: z.string(), openedAt: instant })),
        review: z.object({ decision: z.enum(['duplicate', 'not-duplicate']), reason: z.string(), at: instant }).nullable(),
      })
      .optional()
      .describe('other open cases of the same type about the same person, found at opening; accept and approve wait for their review (review-duplicates)'),
    correction: z
      .object({ field: z.string(), value: z.string(), reason: z.string(), requestedAt: instant })
      .nullable()
      .optional()
      .describe('the open correction request of a decided case (request-correction), until decide-correction; value and reason empty for sla-monitor'),
    corrections: z
      .array(
        z.object({
          field: z.string(),
          decision: z.enum(['approved', 'rejected']),
          at: instant,
          oldValue: z.string().optional(),
          newValue: z.string().optional(),
          reissued: z.array(z.object({ number: z.string(), replaces: z.string() })).optional(),
        }),
      )
      .optional()
      .describe('the corrections decided, oldest first; an approved one names the documents reissued (values and numbers left out for sla-monitor)'),
    objection: z
      .object({
        status: z.enum(['under-review', 'answered']),
        lodgedAt: instant,
        reviewDueBy: instant,
        extended: z.boolean(),
        outcome: z.enum(['upheld', 'dismissed']).optional(),
        answeredAt: instant.optional(),
      })
      .optional()
      .describe(
        'the objection to the decision (no-criminal-record: object), its review period (15 working days, 30 once extended by the head) and its answer; the reasons are in the history',
      ),
    allowedActions: z.array(z.string()),
  })
  .register(components, { id: 'CaseView' });

export const CasePage = z.object({ items: z.array(CaseView), nextCursor: z.string().nullable() }).register(components, { id: 'CasePage' });

const metadata = z.looseObject({ actor: z.string(), role: z.string(), office: z.string(), at: instant, commandId: z.string(), correlationId: z.string() });

export const History = z
  .object({
    caseId: z.string(),
    events: z.array(
      z.object({
        position: z.number().int(),
        version: z.number().int(),
        type: z.string(),
        data: z.looseObject({}),
        metadata,
        recordedAt: instant,
        hash: z.string(),
        prevHash: z.string(),
      }),
    ),
    rejections: z
      .array(z.looseObject({ action: z.string(), status: z.number().int(), detail: z.string(), metadata }))
      .describe('actions the domain refused (403/409/422), kept outside the case stream'),
  })
  .register(components, { id: 'History' });

const accessEntry = z.object({
  caseId: z.string().nullable().describe('the case accessed; null for a look-up that found no case in the caller’s scope'),
  at: instant,
  kind: z.enum(['read', 'lookup', 'refused', 'decode']),
  actor: z.string(),
  role: z.string(),
  office: z.string(),
  route: z.string().describe('method and declared route, e.g. GET /cases/:caseId'),
  status: z.number().int(),
  correlationId: z.string(),
  key: z
    .object({
      kind: z.enum(['receipt', 'document', 'idNumber', 'passportNo']),
      digest: z.string().describe('`<key id>:<keyed hash>` of the identifier searched for: equal for equal identifiers, never the identifier'),
    })
    .optional()
    .describe('a look-up’s identifier'),
});

export const AccessLogPage = z.object({ caseId: z.string(), entries: z.array(accessEntry) }).register(components, { id: 'AccessLog' });

export const accessLogQuery = z
  .object({
    kind: z.enum(['read', 'lookup', 'refused', 'decode']).optional(),
    actor: z.string().min(1).max(200).optional(),
    notFound: z.enum(['true', 'false']).optional().describe('true: only look-ups that found no case'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/, 'not a cursor this API handed out')
      .optional(),
  })
  .strict();
export type AccessLogQueryParams = z.infer<typeof accessLogQuery>;

export const StaffAccessLog = z
  .object({
    items: z.array(accessEntry.extend({ id: z.number().int() })),
    nextCursor: z.string().nullable().describe('pass as `cursor` for older entries'),
  })
  .register(components, { id: 'StaffAccessLog' });

export const Integrity = z
  .object({ ok: z.boolean(), checkedEvents: z.number().int(), firstBrokenVersion: z.number().int().optional(), workflowRecord: z.string() })
  .register(components, { id: 'Integrity' });

export const Queue = z.object({ office: z.string(), items: z.array(CaseView) }).register(components, { id: 'Queue' });

export const SlaBoard = z
  .object({
    items: z.array(
      z.object({
        caseId: z.string(),
        type: z.string(),
        office: z.string(),
        applicant: z.string().describe('masked name'),
        clock: z.string(),
        deadline: instant,
        remainingWorkingDays: z.number().optional(),
        state: z.enum(['on-track', 'at-risk', 'breached', 'paused']),
        escalation: z.number().int(),
      }),
    ),
    totals: counts,
  })
  .register(components, { id: 'SlaBoard' });

export const Stats = z
  .object({
    total: z.number().int(),
    byType: counts,
    byChannel: counts.describe('window and online; cross-province is counted apart, in byCrossProvince'),
    byStatus: counts,
    byCrossProvince: counts.describe("'true' and 'false': whether the cases' offices lie in two provinces"),
    byKind: counts.describe("'application' (decided) and 'filing' (a fact recorded without a decision, e.g. a loss report)"),
  })
  .register(components, { id: 'Stats' });

export const Rebuild = z.object({ projection: z.string(), status: z.literal('rebuilding'), requestedBy: z.string() }).register(components, { id: 'Rebuild' });

export const Liveness = z.object({ status: z.literal('up') }).register(components, { id: 'Liveness' });

export const Health = z.object({ status: z.literal('up'), components: z.record(z.string(), z.enum(['up', 'down'])) }).register(components, { id: 'Health' });

// ---- reference data ----

export const calendarYearParams = z.object({
  year: z
    .string()
    .regex(/^20\d\d$/, 'a year from 2000 to 2099, as four digits')
    .meta({ description: 'the year the notice covers' }),
});

export const CalendarYearBody = z
  .object({
    holidays: z.array(z.string().max(10)).max(366).describe('days off, YYYY-MM-DD, each inside the year'),
    workdays: z.array(z.string().max(10)).max(366).describe('make-up working days on a weekend, YYYY-MM-DD, each inside the year'),
    source: z.string().trim().min(1).max(500).describe('the notice the dates come from, e.g. 国办发明电〔2025〕7号'),
  })
  .strict()
  .register(components, { id: 'CalendarYear' });

export const CalendarPublished = z
  .object({
    year: z.number().int(),
    version: z.string().describe('content hash of the whole calendar after this publication'),
    changed: z.boolean().describe('false when the year was already published with these dates (nothing recorded)'),
  })
  .register(components, { id: 'CalendarPublished' });

export const CalendarVersions = z
  .object({
    current: z.string().describe('the version in force'),
    years: z.array(z.number().int()),
    publications: z.array(
      z.object({
        year: z.number().int(),
        version: z.string(),
        source: z.string(),
        publishedAt: instant,
        publishedBy: z.string(),
        holidays: z.number().int(),
        workdays: z.number().int(),
      }),
    ),
  })
  .register(components, { id: 'CalendarVersions' });

export const referenceParams = z.object({
  name: z.enum(Object.keys(referenceSchemas) as [string, ...string[]]).meta({ description: 'the reference table' }),
});

export const ReferenceBody = z
  .object({
    data: z.unknown().describe("the whole table, in the table's shape (see docs/api.md)"),
    source: z.string().trim().min(1).max(500).describe('where the figures come from (notice, statistical yearbook, local measure)'),
  })
  .strict()
  .register(components, { id: 'ReferenceTable' });

export const ReferencePublished = z
  .object({ name: z.string(), version: z.string().describe('content hash of the table'), changed: z.boolean() })
  .register(components, { id: 'ReferencePublished' });

const referencePublication = z.object({ name: z.string(), version: z.string(), source: z.string(), publishedAt: instant, publishedBy: z.string() });

export const ReferenceVersions = z
  .object({ tables: z.array(z.object({ name: z.string(), version: z.string(), publications: z.array(referencePublication) })) })
  .register(components, { id: 'ReferenceVersions' });

export const ReferenceCurrent = z.object({ name: z.string(), version: z.string(), data: z.unknown() }).register(components, { id: 'ReferenceCurrent' });

// ---- document verification ----

export const verifyParams = z.object({
  number: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'a document number: letters, digits and hyphens, at most 64')
    .meta({ description: 'the number printed on the document or receipt' }),
});
export const verifyQuery = z
  .object({
    code: z
      .string()
      .regex(/^[0-9A-Za-z]{10}$/, 'the 10-character verification code printed on the document')
      .meta({ description: 'the verification code printed beside the number' }),
  })
  .strict();

export const Verification = z
  .object({
    status: z.enum(['valid', 'revoked', 'unknown']),
    kind: z.string().optional().meta({ description: 'what the document is (visa, resident-id-card, acceptance-receipt, …)' }),
    issuingOffice: z.string().optional(),
    issuedAt: z.string().optional(),
    validUntil: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .register(components, {
    id: 'Verification',
    description: 'whether a document is genuine and still in force; never whom it names. A wrong code answers as an unknown number.',
  });

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
export const CodecPayloads = z
  .object({
    payloads: z.array(z.object({ metadata: z.record(z.string().max(256), base64).optional(), data: base64.optional() }).strict()).max(1000),
  })
  .strict()
  .register(components, { id: 'CodecPayloads', description: "Temporal's remote codec protocol: payloads in proto3 JSON, bytes in base64" });
export type CodecPayloadsBody = z.infer<typeof CodecPayloads>;
