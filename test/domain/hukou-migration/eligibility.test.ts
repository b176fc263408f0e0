import { assessEligibility, cityOf, defaultHukouTables, metroAreaOf, type HukouMigrationDetails, type HukouTables } from '../../../domain';

/** The shipped tables with one city's urban population replaced (a published table says what a city has). */
const withPopulation = (city: string, urbanPopulation: number): HukouTables => ({
  ...defaultHukouTables,
  populations: { version: `test-${urbanPopulation}`, data: { ...defaultHukouTables.populations.data, [city]: { name: 'test city', urbanPopulation } } },
});

const details = (over: Partial<HukouMigrationDetails> = {}): HukouMigrationDetails => ({
  category: 'work-transfer',
  fromOffice: '310101',
  toOffice: '440106',
  destinationCity: { code: '440100' },
  residenceYears: 0,
  socialInsuranceYears: 0,
  ...over,
});

describe('hukou admission rules by urban population', () => {
  it('admits without conditions under 3 million', () => {
    expect(assessEligibility(details(), withPopulation('440100', 2_999_999))).toMatchObject({ rule: 'open', eligible: true });
  });

  it('asks for a stable job or residence of 1 year at 3-5 million', () => {
    const tables = withPopulation('440100', 4_000_000);
    expect(assessEligibility(details(), tables)).toMatchObject({ rule: 'relaxed', eligible: false });
    expect(assessEligibility(details({ socialInsuranceYears: 1 }), tables)).toMatchObject({ rule: 'relaxed', eligible: true });
    expect(assessEligibility(details({ residenceYears: 1.5 }), tables)).toMatchObject({ rule: 'relaxed', eligible: true });
  });

  it('scores points over 5 million with the city table (Guangzhou: 4 per insured year, 2 per resident year, pass 80)', () => {
    const a = assessEligibility(details({ socialInsuranceYears: 10, residenceYears: 8 }));
    expect(a).toMatchObject({ rule: 'points', eligible: false, points: { total: 56, passMark: 80 } });
    expect(a.points!.socialInsurance).toEqual({ years: 10, countedYears: 10, perYear: 4, points: 40 });
  });

  it('reads a recorded single metro figure as it was lodged: counted for both kinds', () => {
    const a = assessEligibility(details({ socialInsuranceYears: 10, residenceYears: 8, metroAreaYears: [{ cityCode: '440300', years: 5 }] }));
    expect(a).toMatchObject({ socialInsuranceYears: 15, residenceYears: 13 });
  });

  it('adds metro-area years from cities of the same group only', () => {
    const a = assessEligibility(
      details({
        socialInsuranceYears: 10,
        residenceYears: 8,
        metroAreaYears: [
          { cityCode: '440300', residenceYears: 5, socialInsuranceYears: 5 },
          { cityCode: '310000', residenceYears: 4, socialInsuranceYears: 4 },
          { cityCode: '440106', residenceYears: 2, socialInsuranceYears: 2 },
        ],
      }),
    );
    expect(a.metroArea).toEqual({
      group: 'pearl-river-delta',
      countedResidenceYears: 5,
      countedSocialInsuranceYears: 5,
      counted: [{ cityCode: '440300', residenceYears: 5, socialInsuranceYears: 5 }],
      ignored: ['310000', '440106'],
    });
    expect(a).toMatchObject({ rule: 'points', eligible: true, socialInsuranceYears: 15, residenceYears: 13, points: { total: 86 } });
  });

  it('caps counted years and uses the default table for a city without its own', () => {
    const a = assessEligibility(details({ toOffice: '420102', destinationCity: { code: '420100' }, socialInsuranceYears: 30 }));
    expect(a.points).toMatchObject({ socialInsurance: { countedYears: 20, points: 80 }, passMark: 60 });
  });

  it('admits university admission and talent introduction without points', () => {
    expect(assessEligibility(details({ category: 'talent' }))).toMatchObject({ rule: 'category-exempt', eligible: true });
  });

  it('records the tables it read, by version, and the population it found there', () => {
    const a = assessEligibility(details(), withPopulation('440100', 2_999_999));
    expect(a).toMatchObject({
      city: '440100',
      cityName: 'test city',
      urbanPopulation: 2_999_999,
      reference: { 'hukou-admission': 'default', 'city-populations': 'test-2999999', 'metro-areas': 'default' },
    });
  });

  it('refuses a city with no urban population on record, naming the table version', () => {
    expect(() => assessEligibility(details({ toOffice: '650102', destinationCity: { code: '650100' } }))).toThrow(
      /650100 has no urban population on record.*version default/,
    );
  });

  it('maps offices to cities and metro groups', () => {
    expect(cityOf('440106')).toBe('440100');
    expect(cityOf('310101')).toBe('310000');
    expect(metroAreaOf('320506')).toBe('yangtze-river-delta');
    expect(metroAreaOf('650102')).toBeNull();
  });
});
