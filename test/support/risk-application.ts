// A valid scoring request (the README's example), for tests that need one.
export const APPLICATION = {
  externalReference: 'loan-2025-000123',
  creditLimit: 50000,
  age: 37,
  education: 'university',
  history: [
    { repaymentStatus: 2, billAmount: 46500, paymentAmount: 0 },
    { repaymentStatus: 2, billAmount: 44000, paymentAmount: 0 },
    { repaymentStatus: 1, billAmount: 40000, paymentAmount: 1000 },
    { repaymentStatus: 0, billAmount: 30000, paymentAmount: 1200 },
    { repaymentStatus: 0, billAmount: 25000, paymentAmount: 1000 },
    { repaymentStatus: -1, billAmount: 20500, paymentAmount: 900 },
  ],
};
