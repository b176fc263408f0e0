import { caseTypeModule, fold, permitRecordOf, type CaseEvent, type PermitRecord, type ResidencePermitCase } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import type { EventStore } from '../../event-store/types';
import { lookupKeyOf } from '../../projections/cases/find-cases';
import { streamIdOf } from '../../workflows/definitions';
import { toDomain } from '../append-events';
import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * The register of residence permits (居住證, docs/domain.md §7.4): the permits issued to a person, each with its city and
 * since when its residence years count (居住證暫行條例 art 10 restarts them after a late endorsement). Read for a hukou
 * migration's metropolitan residence years (互通互認, §2).
 */
export interface ResidencePermitRecords {
  permitsOf(idNumber: string): Promise<PermitRecord[]>;
}

/**
 * The police's own permits: the residence-permit cases of this event store. The case list's `lookup_keys` index finds
 * the person's cases (an index probe, no scan); each is then folded from its own stream, which is the truth (the read
 * model only lags it). A permit issued a moment ago may be missed within the projection delay; permits issued before
 * this system held them are not here (a connection to the national register is needed for those).
 */
export function createCasePermitRecords(store: EventStore, readDb: SqlExecutor, casesTable: string): ResidencePermitRecords {
  const module = caseTypeModule('residence-permit');
  return {
    async permitsOf(idNumber) {
      const { rows } = await readDb.query<{ case_id: string }>(
        `SELECT case_id FROM ${casesTable} WHERE lookup_keys @> ARRAY[$1::text] AND type = 'residence-permit' ORDER BY opened_at, case_id LIMIT 50`,
        [lookupKeyOf({ idNumber })],
      );
      const records: PermitRecord[] = [];
      for (const { case_id } of rows) {
        const events = (await store.readStream(streamIdOf(case_id))).map((e) => toDomain(e) as CaseEvent);
        const state = fold(module, events) as ResidencePermitCase | null;
        const record = state ? permitRecordOf(state) : null;
        if (record) records.push(record);
      }
      return records;
    },
  };
}

/**
 * A person with a Shanghai hukou and permits in two cities of the Pearl River Delta group, in the local stand-in:
 * Shenzhen since March 2019 (in force), Foshan from June 2021 until a missed endorsement suspended it in June 2023.
 */
export const PERMIT_HOLDER_ID_NUMBER = '310101198803150012';
/** A person with a Shanghai hukou who has held a Shenzhen permit since January 2021 (the workflow scenarios' 李娜). */
export const SHENZHEN_PERMIT_HOLDER_ID_NUMBER = '310101199205061233';
export const LOCAL_PERMIT_RECORDS: Readonly<Record<string, readonly PermitRecord[]>> = {
  [SHENZHEN_PERMIT_HOLDER_ID_NUMBER]: [{ number: 'JZZ4403002100002', residenceCity: '440300', yearsFrom: '2021-01-04' }],
  [PERMIT_HOLDER_ID_NUMBER]: [
    { number: 'JZZ4403001900001', residenceCity: '440300', yearsFrom: '2019-03-01' },
    { number: 'JZZ4406002100001', residenceCity: '440600', yearsFrom: '2021-06-01', until: '2023-06-01' },
  ],
};

/** A local stand-in: the records given (by default LOCAL_PERMIT_RECORDS), none for anybody else; slow now and then. */
export function createLocalPermitRecords(
  options: SimulationOptions & { records?: Readonly<Record<string, readonly PermitRecord[]>> } = {},
): ResidencePermitRecords {
  const records = options.records ?? LOCAL_PERMIT_RECORDS;
  return { permitsOf: (idNumber) => simulatedCall('residence-permit', options, () => [...(records[idNumber] ?? [])]) };
}
