import { readCreditDefaultCsv } from './credit-default-csv.js';

const HEADER =
  'ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6';
const ROW = '1,20000,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0';

describe('readCreditDefaultCsv', () => {
  it('reads the UCI columns into a record, most recent month first', async () => {
    const [sut] = await readCreditDefaultCsv({
      text: `${HEADER},default payment next month\r\n${ROW},1\r\n`,
    });
    expect(sut).toEqual({
      id: '1',
      label: 1,
      record: {
        creditLimit: 20000,
        history: [
          { repaymentStatus: 2, billAmount: 3913, paymentAmount: 0 },
          { repaymentStatus: 2, billAmount: 3102, paymentAmount: 689 },
          { repaymentStatus: -1, billAmount: 689, paymentAmount: 0 },
          { repaymentStatus: -1, billAmount: 0, paymentAmount: 0 },
          { repaymentStatus: -2, billAmount: 0, paymentAmount: 0 },
          { repaymentStatus: -2, billAmount: 0, paymentAmount: 0 },
        ],
      },
    });
  });

  it('reads a file without the label column', async () => {
    const [sut] = await readCreditDefaultCsv({ text: `${HEADER}\n${ROW}\n` });
    expect(sut.label).toBeUndefined();
  });

  it('rejects a label that is not 0 or 1', async () => {
    await expect(
      readCreditDefaultCsv({ text: `${HEADER},default payment next month\n${ROW},2\n` }),
    ).rejects.toThrow(/label/);
  });
});
