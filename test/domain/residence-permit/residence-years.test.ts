import { permitRecordOf, residenceYearsByCity, wholeYears, type PermitRecord, type ResidencePermitCase } from '../../../domain';

/**
 * Residence years proved by residence-permit records (docs/domain.md §7.4 互通互認, §7.9.8): counted from the issue or
 * from the day a late endorsement restarted them (居住證暫行條例 art 10), per city of a metro group, residence only.
 */
const SHENZHEN = '440300';
const FOSHAN = '440600';
const asOf = '2026-11-25';

describe('whole years of residence', () => {
  it.each([
    ['2020-11-25', '2026-11-25', 6],
    ['2020-11-26', '2026-11-25', 5],
    ['2024-02-29', '2025-02-28', 0],
    ['2026-11-25', '2026-11-25', 0],
    ['2027-01-01', '2026-11-25', 0],
  ])('from %s to %s: %i', (from, to, years) => {
    expect(wholeYears(from, to)).toBe(years);
  });
});

describe('residence years by city of a metro group', () => {
  const permit = (over: Partial<PermitRecord>): PermitRecord => ({ number: 'JZ-1', residenceCity: SHENZHEN, yearsFrom: '2019-06-01', ...over });

  it('given a permit endorsed on time since 2019, then its city counts the years since the issue', () => {
    expect(residenceYearsByCity([permit({})], [SHENZHEN, FOSHAN], asOf)).toEqual([{ cityCode: SHENZHEN, residenceYears: 7 }]);
  });

  it('given a permit endorsed late in 2024, then its years restarted that day (art 10)', () => {
    expect(residenceYearsByCity([permit({ yearsFrom: '2024-03-10' })], [SHENZHEN], asOf)).toEqual([{ cityCode: SHENZHEN, residenceYears: 2 }]);
  });

  it('given a suspended or surrendered permit, then its years stop on that day', () => {
    expect(residenceYearsByCity([permit({ until: '2023-07-01' })], [SHENZHEN], asOf)).toEqual([{ cityCode: SHENZHEN, residenceYears: 4 }]);
  });

  it('given two permits for one city, then the longer run counts, never both for the same time', () => {
    const records = [permit({}), permit({ number: 'JZ-2', yearsFrom: '2022-01-01' })];
    expect(residenceYearsByCity(records, [SHENZHEN], asOf)).toEqual([{ cityCode: SHENZHEN, residenceYears: 7 }]);
  });

  it('given a permit of a city outside the group, then it counts nothing', () => {
    expect(residenceYearsByCity([permit({ residenceCity: '310100' })], [SHENZHEN, FOSHAN], asOf)).toEqual([]);
  });
});

describe('the record a residence-permit case gives the register', () => {
  const withPermit = (permit: Record<string, unknown> | undefined) =>
    ({
      progress: permit ? { permit } : {},
      documents: [{ kind: 'residence-permit', number: 'JZ-1', residenceCity: SHENZHEN }],
    }) as unknown as ResidencePermitCase;

  it('given no permit issued yet, then there is none', () => {
    expect(permitRecordOf(withPermit(undefined))).toBeNull();
  });

  it('given a permit restarted by a late endorsement and then suspended, then the record counts from the restart to the suspension', () => {
    const record = permitRecordOf(withPermit({ number: 'JZ-1', yearsFrom: '2024-03-10', suspendedSince: '2026-03-10' }));
    expect(record).toEqual({ number: 'JZ-1', residenceCity: SHENZHEN, yearsFrom: '2024-03-10', until: '2026-03-10' });
  });
});
