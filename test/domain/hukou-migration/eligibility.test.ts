import { assessEligibility, cityOf, metroAreaOf, type HukouMigrationDetails } from '../../../domain';

const details = (over: Partial<HukouMigrationDetails> = {}): HukouMigrationDetails => ({
  category: 'work-transfer',
  fromOffice: '310101',
  toOffice: '440106',
  destinationCity: { code: '440100', urbanPopulation: 16_000_000 },
  residenceYears: 0,
  socialInsuranceYears: 0,
  ...over,
});

describe('hukou admission rules by urban population', () => {
  it('admits without conditions under 3 million', () => {
    expect(assessEligibility(details({ destinationCity: { code: '440100', urbanPopulation: 2_999_999 } }))).toMatchObject({ rule: 'open', eligible: true });
  });

  it('asks for a stable job or residence of 1 year at 3-5 million', () => {
    const city = { code: '440100', urbanPopulation: 4_000_000 };
    expect(assessEligibility(details({ destinationCity: city }))).toMatchObject({ rule: 'relaxed', eligible: false });
    expect(assessEligibility(details({ destinationCity: city, socialInsuranceYears: 1 }))).toMatchObject({ rule: 'relaxed', eligible: true });
    expect(assessEligibility(details({ destinationCity: city, residenceYears: 1.5 }))).toMatchObject({ rule: 'relaxed', eligible: true });
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
    const a = assessEligibility(details({ toOffice: '420102', destinationCity: { code: '420100', urbanPopulation: 9_000_000 }, socialInsuranceYears: 30 }));
    expect(a.points).toMatchObject({ socialInsurance: { countedYears: 20, points: 80 }, passMark: 60 });
  });

  it('admits university admission and talent introduction without points', () => {
    expect(assessEligibility(details({ category: 'talent' }))).toMatchObject({ rule: 'category-exempt', eligible: true });
  });

  it('maps offices to cities and metro groups', () => {
    expect(cityOf('440106')).toBe('440100');
    expect(cityOf('310101')).toBe('310000');
    expect(metroAreaOf('320506')).toBe('yangtze-river-delta');
    expect(metroAreaOf('650102')).toBeNull();
  });
});
