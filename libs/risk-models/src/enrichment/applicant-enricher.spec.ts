import type { ApplicantRecord } from '../applicant/applicant-record.js';
import { enrichApplicant } from './applicant-enricher.js';

const month = (repaymentStatus: number, billAmount: number, paymentAmount: number) => ({
  repaymentStatus,
  billAmount,
  paymentAmount,
});

describe('enrichApplicant', () => {
  it('describes a stretched account in fixed sentences', () => {
    const sut: ApplicantRecord = {
      creditLimit: 50_000,
      history: [
        month(2, 46_500, 0),
        month(2, 44_000, 0),
        month(1, 40_000, 1_000),
        month(0, 30_000, 1_200),
        month(0, 25_000, 1_000),
        month(-1, 20_500, 900),
      ],
    };
    const narrative = enrichApplicant(sut);
    expect(narrative.sentences).toEqual([
      { topic: 'limit', text: 'Credit limit 50,000 (low).' },
      { topic: 'utilisation', text: 'Utilisation is high at 93 % of the limit.' },
      { topic: 'utilisation-trend', text: 'Utilisation rose sharply from 41 % to 93 % over six months.' },
      {
        topic: 'delinquency',
        text: 'Three payments were late in the last six months, two by two months or more; the worst was two months late and the latest payment is two months late.',
      },
      {
        topic: 'payments',
        text: 'Payments covered little of the balance: 3 % of the previous bill on average.',
      },
      { topic: 'payments', text: 'Nothing was paid in two of five months with a balance due.' },
    ]);
    expect(narrative.text).toBe(narrative.sentences.map((s) => s.text).join(' '));
  });

  it.each([
    [50_000, 'Utilisation is at the limit (100 %).'],
    [49_800, 'Utilisation is at the limit (100 %).'],
    [49_700, 'Utilisation is high at 99 % of the limit.'],
    [51_500, 'Utilisation is over the limit at 103 % of the limit.'],
  ])('calls a balance of %d on a 50,000 limit what it is', (balance, sentence) => {
    const sut: ApplicantRecord = {
      creditLimit: 50_000,
      history: Array.from({ length: 6 }, () => month(0, balance, 2_000)),
    };
    expect(enrichApplicant(sut).sentences[1]).toEqual({ topic: 'utilisation', text: sentence });
  });

  it('describes a clean, steady account', () => {
    const sut: ApplicantRecord = {
      creditLimit: 400_000,
      history: Array.from({ length: 6 }, () => month(-1, 8_000, 8_000)),
    };
    expect(enrichApplicant(sut).text).toBe(
      'Credit limit 400,000 (very high). Utilisation is low at 2 % of the limit. ' +
        'Utilisation was steady over six months, around 2 %. No payment was late in the last six months. ' +
        'Payments covered the balance in full: 100 % of the previous bill on average.',
    );
  });

  it('says when the account was not used, and gives no payment sentence without a balance due', () => {
    const sut: ApplicantRecord = {
      creditLimit: 20_000,
      history: Array.from({ length: 6 }, () => month(-2, 0, 0)),
    };
    expect(enrichApplicant(sut).sentences.map((s) => s.topic)).toEqual(['limit', 'activity', 'delinquency']);
    expect(enrichApplicant(sut).text).toContain('The account was not used in the last six months.');
  });

  it('is deterministic', () => {
    const sut: ApplicantRecord = {
      creditLimit: 123_456,
      history: Array.from({ length: 6 }, (_, i) => month(i - 2, 10_000 * i, 500 * i)),
    };
    expect(enrichApplicant(sut)).toEqual(enrichApplicant(structuredClone(sut)));
  });
});
