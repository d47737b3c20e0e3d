import {
  amountToCents,
  dateOrderOf,
  findAmounts,
  findDates,
  displayAddress,
  fixDigitLetterConfusions,
  normaliseAmount,
  repairOcrConfusions,
  normaliseDate,
  sroieNormalise,
} from './field-normalisation.js';

describe('normaliseDate', () => {
  it.each([
    ['25/12/2018', '2018-12-25'],
    ['12/03/18', '2018-03-12'],
    ['16-03-2018', '2018-03-16'],
    ['2018-12-25', '2018-12-25'],
    ['04 JUN 2018', '2018-06-04'],
    ['22 June 2018', '2018-06-22'],
    ['Dec 5, 2017', '2017-12-05'],
    ['12/25/2018', '2018-12-25'], // month first only when day first is impossible
    ['14/JUN/2017', '2017-06-14'],
    ['20180428', '2018-04-28'],
  ])('reads %s as %s', (printed, iso) => {
    expect(normaliseDate(printed)).toBe(iso);
  });

  it('reads two numbers before the year in the order given, the other way only when impossible', () => {
    expect(normaliseDate('03/06/2018', 'MDY')).toBe('2018-03-06');
    expect(normaliseDate('03/06/2018', 'DMY')).toBe('2018-06-03');
    expect(normaliseDate('25/12/2018', 'MDY')).toBe('2018-12-25');
    expect(normaliseDate('2018-03-06', 'MDY')).toBe('2018-03-06');
    expect(normaliseDate('04 JUN 2018', 'MDY')).toBe('2018-06-04');
  });

  it('refuses impossible dates', () => {
    expect(normaliseDate('31/02/2018')).toBeUndefined();
    expect(normaliseDate('45/45/2018')).toBeUndefined();
  });
});

describe('dateOrderOf', () => {
  it('takes the order from an unambiguous date on the receipt, else from the country', () => {
    expect(dateOrderOf(['DATE 12/25/2018'])).toBe('MDY');
    expect(dateOrderOf(['DATE 25/12/2018'], 'US')).toBe('DMY');
    expect(dateOrderOf(['DATE 03/06/2018'], 'US')).toBe('MDY');
    expect(dateOrderOf(['DATE 03/06/2018'], 'MY')).toBe('DMY');
    expect(dateOrderOf(['DATE 03/06/2018'])).toBe('DMY');
  });

  it('reads a US shop month-first through findDates', () => {
    expect(findDates('DATE 03/06/2018 14:02', 'MDY')).toEqual([
      { printed: '03/06/2018', iso: '2018-03-06', index: 5 },
    ]);
  });
});

describe('findDates', () => {
  it('finds a date run into a time printed without a space', () => {
    expect(findDates(':09-06-201816:00:43')).toEqual([
      { printed: '09-06-2018', iso: '2018-06-09', index: 1 },
    ]);
  });

  it('needs the same separator twice', () => {
    expect(findDates('07-6/24')).toEqual([]);
  });
});

describe('amounts', () => {
  it('normalises printed amounts to decimal strings', () => {
    expect(normaliseAmount('RM 1,234.50')).toBe('1234.50');
    expect(normaliseAmount('9.00')).toBe('9.00');
    expect(normaliseAmount('-0.02')).toBe('-0.02');
    expect(normaliseAmount('12')).toBeUndefined();
  });

  it('finds amounts with their currency', () => {
    expect(findAmounts('TOTAL RM17.45')).toEqual([
      { printed: 'RM17.45', value: '17.45', currency: 'MYR', index: 6 },
    ]);
    expect(findAmounts('Qty 2 x 3.50 = 7.00').map((a) => a.value)).toEqual(['3.50', '7.00']);
    expect(findAmounts('DATE 28.09.2024 08:03')).toEqual([]);
    expect(findAmounts('SUMME EUR 18,55').map((a) => a.value)).toEqual(['18.55']);
  });

  it('compares amounts in cents', () => {
    expect(amountToCents('54.50')).toBe(5450n);
    expect(amountToCents('-0.02')).toBe(-2n);
    expect(amountToCents('7')).toBe(700n);
  });
});

describe('OCR clean-up and SROIE comparison', () => {
  it('fixes digit/letter confusions inside words', () => {
    expect(fixDigitLetterConfusions('L0T 1851-A, 433O0 SERI')).toBe('LOT 1851-A, 43300 SERI');
    expect(fixDigitLetterConfusions('2/16 400OOSHAH ALAM, Rawan9')).toBe('2/16 40000SHAH ALAM, Rawang');
    expect(fixDigitLetterConfusions('1O0 UNITS, 12.5OO, NO 9')).toBe('100 UNITS, 12.5OO, NO 9');
  });

  it('compares upper-cased without whitespace', () => {
    expect(sroieNormalise('Syl Roasted  Delights\tSdn. Bhd.')).toBe('SYLROASTEDDELIGHTSSDN.BHD.');
  });
});

describe('repairOcrConfusions', () => {
  it.each([
    ['T0TAL GBP 9.O0', 'TOTAL GBP 9.00'],
    ['Cash S.50', 'Cash 5.50'],
    ['TOTAL: RM1l.00', 'TOTAL: RM11.00'],
    ['Date O1/O2/2O18', 'Date 01/02/2018'],
  ])('reads %s as %s', (read, repaired) => {
    expect(repairOcrConfusions(read)).toBe(repaired);
  });

  it('leaves words and ambiguous tokens alone', () => {
    expect(repairOcrConfusions('SST 6% 10S BOX S0')).toBe('SST 6% 10S BOX S0');
  });
});

describe('displayAddress', () => {
  it('spaces an address for reading without changing its characters', () => {
    const printed = 'NO.53 55,57 & 59,JALAN SAGU 18 ,TAMAN DAYA,81100 JOHOR BAHRU,JOHOR.';
    const sut = displayAddress(printed);
    expect(sut).toBe('NO.53 55, 57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.');
    expect(sroieNormalise(sut)).toBe(sroieNormalise(printed));
  });
});
