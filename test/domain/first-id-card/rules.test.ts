import { addMonths, ageOn, cardValidityForAge, photoRecentEnough, temporaryIdValidUntil, validUntil } from '../../../domain';

describe('first ID card rules', () => {
  it.each([
    [0, '5 years'],
    [15, '5 years'],
    [16, '10 years'],
    [25, '10 years'],
    [26, '20 years'],
    [45, '20 years'],
    [46, 'long-term'],
  ])('age %i gets a card valid %s (居民身份證法 art 5)', (age, label) => {
    expect(cardValidityForAge(age).label).toBe(label);
  });

  it('counts age in completed years, birthdays included', () => {
    expect(ageOn('2010-11-25', '2026-11-25')).toBe(16);
    expect(ageOn('2010-11-26', '2026-11-25')).toBe(15);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(17); // a leap-day child is a year older on 28 Feb
    expect(ageOn('2008-02-29', '2025-02-27')).toBe(16);
  });

  it('ends validity the day before the anniversary, or never', () => {
    expect(validUntil('2026-11-25', cardValidityForAge(20))).toBe('2036-11-24');
    expect(validUntil('2026-11-25', cardValidityForAge(50))).toBeNull();
    expect(temporaryIdValidUntil('2026-11-30')).toBe('2027-02-27');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
  });

  it('reuses a photo up to 3 years old for an ID card', () => {
    expect(photoRecentEnough('2023-11-25T02:00:00.000Z', '2026-11-25T03:00:00.000Z')).toBe(true);
    expect(photoRecentEnough('2023-11-24T02:00:00.000Z', '2026-11-25T03:00:00.000Z')).toBe(false);
  });
});
