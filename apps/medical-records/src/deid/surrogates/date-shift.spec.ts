import { dateShiftDays, DocumentSurrogates } from './document-surrogates.js';
import { shiftDate } from './date-shift.js';

describe('date surrogates', () => {
  it.each<[string, 'en' | 'es', number, string]>([
    ['03/14/2019', 'en', 10, '03/24/2019'],
    ['3/14/19', 'en', -20, '2/22/19'],
    ['14/03/2019', 'es', 30, '13/04/2019'],
    ['2019-12-25', 'en', 7, '2020-01-01'],
    ['March 3, 2019', 'en', 40, 'April 12, 2019'],
    ['19-Jun-2015', 'en', 15, '04-Jul-2015'],
    ['3 de mayo de 2017', 'es', -33, '31 de marzo de 2017'],
    ['junio de 2018', 'es', 40, 'julio de 2018'],
    ['03/2016', 'es', 60, '05/2016'],
    ['año 2000', 'es', 100, 'año 2001'],
  ])('moves %s (%s) by %i days keeping its format', (value, language, days, expected) => {
    expect(shiftDate(value, days, language)).toBe(expected);
  });

  it('draws a per-patient shift from the secret, never under a month', () => {
    const shifts = Array.from({ length: 200 }, (_, k) => dateShiftDays('secret', `patient-${k}`));
    for (const d of shifts) expect(Math.abs(d)).toBeGreaterThanOrEqual(32);
    expect(dateShiftDays('secret', 'patient-1')).toBe(dateShiftDays('secret', 'patient-1'));
    expect(new Set(shifts).size).toBeGreaterThan(100);
    expect(shifts.some((d) => d < 0) && shifts.some((d) => d > 0)).toBe(true);
  });

  it('keeps identifier formats and never returns the original', () => {
    const sut = new DocumentSurrogates('secret', 'en', 'p');
    const span = { type: 'SSN', label: 'ID_ASEGURAMIENTO', start: 0, end: 11, source: 'rule' } as const;
    const ssn = sut.surrogateFor(span, '123-45-6789');
    expect(ssn).toMatch(/^9\d\d-\d\d-\d{4}$/);
    expect(sut.surrogateFor(span, '123-45-6789')).toBe(ssn);
    const age = sut.surrogateFor({ ...span, type: 'AGE', label: 'EDAD_SUJETO_ASISTENCIA' }, '93-year-old');
    expect(age).toBe('90+-year-old');
  });
});
