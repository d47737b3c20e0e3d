import type { Quad } from './line-features.js';
import { bestBlock, cleanCompany, extractFields } from './field-extraction.js';
import { correctReceiptWords } from './receipt-lexicon.js';
import { FIELD_LABELS, type FieldLabel } from './invoice-field-card.js';
import { receiptLayout, syntheticReceipt } from '../training/invoices/synthetic-receipts.js';

const box = (x: number, y: number, w = 200, h = 20): Quad => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];
const probs = (label: FieldLabel, p = 0.9) => FIELD_LABELS.map((l) => (l === label ? p : (1 - p) / 4));

describe('extractFields', () => {
  it('decodes company, address, date and total from per-line probabilities, with boxes', () => {
    const lines = [
      { text: 'SYL ROASTED DELIGHTS SDN. BHD.', box: box(60, 10) },
      { text: '75, JALAN SS 22/19, DAMANSARA JAYA,', box: box(60, 40) },
      { text: '47400 PJ', box: box(60, 70) },
      { text: 'TEL: 03-7731 8169', box: box(60, 100) },
      { text: 'DATE: 06/03/2018', box: box(60, 130) },
      { text: 'SUBTOTAL 51.42', box: box(60, 160) },
      { text: 'TOTAL RM 54.50', box: box(60, 190) },
    ];
    const p = [
      probs('company'),
      probs('address'),
      probs('address', 0.6),
      probs('other'),
      probs('date'),
      probs('other'),
      probs('total'),
    ];
    const sut = extractFields(lines, p);
    expect(sut.company?.value).toBe('SYL ROASTED DELIGHTS SDN. BHD.');
    expect(sut.address?.value).toBe('75, JALAN SS 22/19, DAMANSARA JAYA, 47400 PJ');
    expect(sut.address?.boxes).toHaveLength(2);
    expect(sut.date).toMatchObject({ value: '06/03/2018', normalized: '2018-03-06' });
    expect(sut.total).toMatchObject({ value: '54.50', normalized: '54.50', boxes: [lines[6].box] });
    expect(sut.currency?.normalized).toBe('MYR');
  });

  it('reads the total after rounding and keeps a currency printed onto the amount', () => {
    const lines = [
      { text: 'KEDAI MAKAN SDN BHD', box: box(60, 10) },
      { text: 'TOTAL RM12.61', box: box(60, 40) },
      { text: 'ROUNDED TOTAL RM12.60', box: box(60, 70) },
    ];
    const sut = extractFields(lines, [probs('company'), probs('total', 0.8), probs('total', 0.4)]);
    expect(sut.total).toMatchObject({ value: 'RM12.60', normalized: '12.60', boxes: [lines[2].box] });
  });

  it('cuts the confidence of a "total" on no total-like row and printed once (an item price)', () => {
    const lines = [
      { text: 'PRET A MANGER (EUROPE) LTD', box: box(60, 10) },
      { text: 'CROISSANT 2.60', box: box(60, 40) },
      { text: 'TOTAL GBP 9.00', box: box(60, 70) },
    ];
    const item = extractFields(lines.slice(0, 2), [probs('company'), probs('total', 0.8)]);
    const total = extractFields(lines, [probs('company'), probs('other'), probs('total', 0.8)]);
    expect(item.total).toMatchObject({ normalized: '2.60', confidence: 0.24 });
    expect(total.total).toMatchObject({ normalized: '9.00', confidence: 0.8 });
  });

  it('normalises a US shop date month-first and a Malaysian one day-first', () => {
    const receipt = (company: string, place: string) => [
      { text: company, box: box(60, 10) },
      { text: place, box: box(60, 40) },
      { text: 'DATE 03/06/2018', box: box(60, 70) },
    ];
    const p = [probs('company'), probs('address'), probs('date')];
    const us = extractFields(receipt('JOE CAFE LLC', '401 CONGRESS AVE, AUSTIN, TX 78701'), p);
    const my = extractFields(receipt('KEDAI MAKAN SDN BHD', '47400 PETALING JAYA, SELANGOR'), p);
    expect(us.date).toMatchObject({ value: '03/06/2018', normalized: '2018-03-06' });
    expect(my.date).toMatchObject({ value: '03/06/2018', normalized: '2018-06-03' });
  });

  it('normalises the date of every synthetic UK, EU and US receipt to the date it was printed from', () => {
    for (let k = 0; k < 36; k++) {
      const r = syntheticReceipt(k);
      const lines = receiptLayout(r).map((b) => ({ text: b.text, box: box(b.x, b.y, b.width, b.height) }));
      const p = lines.map((l) => probs(l.text.includes(r.key.date) ? 'date' : 'other'));
      expect([r.id, extractFields(lines, p).date?.normalized]).toEqual([r.id, r.isoDate]);
    }
  });

  it('takes the amount on a total-like row when the classifier knows no total line, never a 0.00', () => {
    const lines = [
      { text: 'BACKHAUS MUELLER GMBH', box: box(60, 10) },
      { text: 'CROISSANT', box: box(20, 40, 100) },
      { text: '8,46', box: box(300, 40, 60) },
      { text: 'SUMME EUR', box: box(20, 70, 100) },
      { text: '18,55', box: box(300, 70, 60) },
      { text: 'CHANGE', box: box(20, 100, 100) },
      { text: '0,00', box: box(300, 100, 60) },
    ];
    const unsure = [probs('company'), ...lines.slice(1).map(() => probs('other', 0.99999))];
    expect(extractFields(lines, unsure).total).toMatchObject({ value: '18,55', normalized: '18.55' });
    const change = [
      { text: 'CHANGE 0.00', box: box(60, 40) },
      { text: 'ITEM 3.00', box: box(60, 70) },
    ];
    const zero = extractFields(change, [probs('total', 0.9), probs('other')]);
    expect(zero.total?.normalized).toBe('3.00');
  });

  it('opens the address block with the street-number line the classifier gave to its neighbours', () => {
    const lines = [
      { text: 'FUYI MINI MARKET', box: box(60, 10) },
      { text: 'NO 43-45-47G,', box: box(60, 40) },
      { text: 'TAMAN SEJATI,', box: box(60, 70) },
      { text: 'IJOK, 45600 BESTARI JAYA. KUALA SELANGOR.', box: box(60, 100) },
      { text: 'TEL 03-3279 1851', box: box(60, 130) },
    ];
    const p = [probs('company'), probs('other', 0.6), probs('address'), probs('address'), probs('other')];
    expect(extractFields(lines, p).address?.value).toBe(
      'NO 43-45-47G, TAMAN SEJATI, IJOK, 45600 BESTARI JAYA, KUALA SELANGOR.',
    );
  });

  it('decodes the address as a block: floor lines before, the postcode line after, up to the phone', () => {
    const lines = [
      { text: 'KAISON FURNISHING SDN BHD', box: box(60, 10) },
      { text: 'L4-17 (B), LEVEL 4,', box: box(60, 40) },
      { text: '355, JALAN BANDAR MELAWATI,', box: box(60, 70) },
      { text: 'PUSAT BANDAR MELAWATI,', box: box(60, 100) },
      { text: '53100 KUALA LUMPUR.', box: box(60, 130) },
      { text: 'TEL : 03 - 41019864', box: box(60, 160) },
    ];
    const p = [
      probs('company'),
      probs('other', 0.9),
      probs('address'),
      probs('address'),
      probs('other', 0.9),
      probs('other'),
    ];
    expect(extractFields(lines, p).address?.value).toBe(
      'L4-17 (B), LEVEL 4, 355, JALAN BANDAR MELAWATI, PUSAT BANDAR MELAWATI, 53100 KUALA LUMPUR.',
    );
    // With no postcode or state, the line after the block stays out (a branch name, a heading).
    const branch = [...lines.slice(0, 4), { text: 'KL FESTIVAL CITY MALL', box: box(60, 130) }];
    expect(extractFields(branch, p.slice(0, 5)).address?.value).toBe(
      'L4-17 (B), LEVEL 4, 355, JALAN BANDAR MELAWATI, PUSAT BANDAR MELAWATI,',
    );
  });

  it('keeps the address part of a line run into a phone number, and drops a phone line and a shop name', () => {
    const merged = [
      { text: 'MOONLIGHT CAKE HOUSE SDN BHD', box: box(60, 10) },
      { text: 'NO.1, JALAN PERMAS 10/5, BANDAR BARU PERMAS JAYA', box: box(60, 40) },
      { text: '81750 JOHOR BAHRU, JOHOR, TEL NO.: 07-387 3322', box: box(60, 70) },
    ];
    const p = [probs('company'), probs('address'), probs('other', 0.9)];
    expect(extractFields(merged, p).address?.value).toBe(
      'NO.1, JALAN PERMAS 10/5, BANDAR BARU PERMAS JAYA 81750 JOHOR BAHRU, JOHOR',
    );
    const lines = [
      { text: 'IKANO HANDEL SDN BHD', box: box(60, 10) },
      { text: 'IKEA CHERAS', box: box(60, 40) },
      { text: 'NO 2A JALAN COCHRANE', box: box(60, 70) },
      { text: '55100 KUALA LUMPUR', box: box(60, 100) },
      { text: 'T:03-20937358 F:03-20937359', box: box(60, 130) },
    ];
    const q = [
      probs('company'),
      probs('address', 0.6),
      probs('address'),
      probs('address'),
      probs('address', 0.6),
    ];
    expect(extractFields(lines, q).address?.value).toBe('NO 2A JALAN COCHRANE 55100 KUALA LUMPUR');
  });

  it('never takes a receipt heading for the company', () => {
    const lines = [
      { text: 'CASH SALE', box: box(60, 10) },
      { text: 'KT WONG TRADING', box: box(60, 40) },
      { text: 'TOTAL 12.00', box: box(60, 70) },
    ];
    const p = [probs('company', 0.95), probs('company', 0.6), probs('total')];
    expect(extractFields(lines, p).company?.value).toBe('KT WONG TRADING');
  });

  it('reads a decimal comma as the point on a receipt that prints points', () => {
    const lines = [
      { text: 'KEDAI MAKAN SDN BHD', box: box(60, 10) },
      { text: 'NASI LEMAK 12.50', box: box(60, 40) },
      { text: 'TEH 3.00', box: box(60, 70) },
      { text: 'TOTAL 41,95', box: box(60, 100) },
      { text: 'CASH 50.00', box: box(60, 130) },
    ];
    const p = [probs('company'), probs('other'), probs('other'), probs('total'), probs('other')];
    expect(extractFields(lines, p).total).toMatchObject({ value: '41.95', normalized: '41.95' });
  });

  it('returns no fields for no lines', () => {
    expect(extractFields([], [])).toEqual({});
  });
});

describe('company and word clean-up', () => {
  it('drops a trailing registration number and fixes OCR slips in legal forms', () => {
    expect(cleanCompany('AEON CO. (M) BHD (126926-H)')).toBe('AEON CO. (M) BHD');
    expect(cleanCompany('Guardian Health Sdn Bnd')).toBe('Guardian Health Sdn Bhd');
    expect(correctReceiptWords('SIN THYE & COMFANY')).toBe('SIN THYE & COMPANY');
    expect(correctReceiptWords('Ja1an SELANG0R')).toBe('Ja1an SELANG0R');
  });

  it('drops branch codes and separators after the registration number, and no address word applies', () => {
    expect(cleanCompany("KING'S CONFECTIONERY S/B 273500-U (KSB)")).toBe("KING'S CONFECTIONERY S/B");
    expect(cleanCompany('THE STORE (MALAYSIA) SDN BHD (8199K)')).toBe('THE STORE (MALAYSIA) SDN BHD');
    expect(cleanCompany('URBAN IDEA SDN BHD (417940-M),')).toBe('URBAN IDEA SDN BHD');
    expect(cleanCompany('#000002 BAIFU (M) SDN BHD')).toBe('BAIFU (M) SDN BHD');
    expect(cleanCompany('DION REALTIES SDN BHD (CO. NO:')).toBe('DION REALTIES SDN BHD');
    expect(cleanCompany('PASARAYA BORONG PINTAR SDN BHD')).toBe('PASARAYA BORONG PINTAR SDN BHD');
    expect(correctReceiptWords('BORONG 5')).toBe('LORONG 5');
  });

  it('removes OCR specks inside words and reads a low full stop', () => {
    expect(correctReceiptWords('NO.12,JA.LAN SS4C/5, Perindustrian· Tampoi')).toBe(
      'NO.12,JALAN SS4C/5, Perindustrian Tampoi',
    );
    expect(correctReceiptWords('NO. 15.JLN TSJ2.TMN')).toBe('NO. 15.JLN TSJ2.TMN');
    expect(correctReceiptWords('BOOK TA_K (TAMAN DAYA)')).toBe('BOOK TA.K (TAMAN DAYA)');
    expect(correctReceiptWords('Guardian Health And Heauty, MALAYSLA')).toBe(
      'Guardian Health And Beauty, MALAYSIA',
    );
  });
});

describe('bestBlock', () => {
  it('finds the contiguous run with the largest positive sum, bridging one weak line', () => {
    expect(bestBlock([0, 1, 2, 3, 4, 5], (i) => [-2, 3, -1, 3, -5, 2][i])).toEqual([1, 2, 3]);
  });

  it('is empty when nothing scores above zero and never crosses a barrier', () => {
    expect(bestBlock([0, 1], () => -1)).toEqual([]);
    expect(
      bestBlock(
        [0, 1, 2],
        () => 1,
        (i) => i === 1,
      ),
    ).toEqual([0]);
  });
});
