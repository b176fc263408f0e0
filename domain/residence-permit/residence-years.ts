import type { ResidencePermitCase } from './spec';

/**
 * A residence permit as a register of permits holds it for counting residence years: the city, and since when its
 * years count — the issue, or the day a late endorsement restarted them (居住證暫行條例 art 10) — until it was
 * suspended or surrendered.
 */
export interface PermitRecord {
  number: string;
  /** The city (GB/T 2260 code, city level) the permit was issued for. */
  residenceCity: string;
  /** ISO date residence years count from. */
  yearsFrom: string;
  /** ISO date: the years stop counting while the permit is suspended (a missed endorsement) or once surrendered. */
  until?: string;
}

/** The record a residence-permit case gives the register, once its permit is issued; null before. */
export function permitRecordOf(s: ResidencePermitCase): PermitRecord | null {
  const permit = s.progress.permit;
  const document = s.documents.find((d) => d.number === permit?.number);
  if (!permit || typeof document?.residenceCity !== 'string') return null;
  const ends = [permit.suspendedSince, permit.surrenderedAt?.slice(0, 10)].filter((d): d is string => d !== undefined).sort();
  return { number: permit.number, residenceCity: document.residenceCity, yearsFrom: permit.yearsFrom, ...(ends[0] ? { until: ends[0] } : {}) };
}

/** Whole years from `from` to `to` (ISO dates): anniversaries passed, none before the first. */
export function wholeYears(from: string, to: string): number {
  if (to <= from) return 0;
  const [y1, m1d1] = [Number(from.slice(0, 4)), from.slice(5)];
  const [y2, m2d2] = [Number(to.slice(0, 4)), to.slice(5)];
  return y2 - y1 - (m2d2 < m1d1 ? 1 : 0);
}

/**
 * Residence years per city proved by permit records on `asOf`, for the cities of one metropolitan group (local data,
 * the `metro-areas` reference table): each permit counts from its `yearsFrom` (a late endorsement restarted it,
 * art 10) to its end or `asOf`; a city's years are the longest run of its permits, never two permits added for the
 * same time. Residence years only: social-insurance years are another register's, kept apart (docs/domain.md §7.4,
 * 互通互認, inferred).
 */
export function residenceYearsByCity(
  records: readonly PermitRecord[],
  cities: readonly string[],
  asOf: string,
): { cityCode: string; residenceYears: number }[] {
  return cities
    .map((cityCode) => ({
      cityCode,
      residenceYears: Math.max(
        0,
        ...records.filter((r) => r.residenceCity === cityCode).map((r) => wholeYears(r.yearsFrom, r.until && r.until < asOf ? r.until : asOf)),
      ),
    }))
    .filter((c) => c.residenceYears > 0);
}
