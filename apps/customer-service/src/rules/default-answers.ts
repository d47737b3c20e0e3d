// The answers of the first rule-set version: one per Banking77 intent, plus the conversational
// intents the default rules recognise. Operators replace them through the rule-set API.
import type { IntentAnswer } from './rule-set.js';

type AnswerRow = [
  intent: string,
  title: string,
  template: string,
  requiredSlots?: IntentAnswer['requiredSlots'],
];

const ROWS: AnswerRow[] = [
  [
    'greeting',
    'a greeting',
    'Hello! I can help with cards, payments, transfers, top-ups and your account. What can I do for you?',
  ],
  ['thanks', 'thanks', "You're welcome. Is there anything else I can help with?"],
  ['goodbye', 'goodbye', 'Thanks for getting in touch. Goodbye!'],
  [
    'human_agent',
    'talking to a person',
    'I am passing you to a member of our team. A person will answer here shortly.',
  ],
  [
    'top_up_methods',
    'ways to top up',
    'You can top up in the app: tap Top up and pay with a debit or credit card (instant), or send a bank transfer to the account details under Accounts → Details. We do not accept cash or cheques.',
  ],
  [
    'activate_my_card',
    'activating a card',
    'To activate your {cardType} card, open the app, go to Cards, choose the card and tap "Activate", then enter the code printed on the letter it came with.',
  ],
  ['age_limit', 'the minimum age', 'You need to be 18 or over to open an account with us.'],
  [
    'apple_pay_or_google_pay',
    'Apple Pay or Google Pay',
    'You can add your {cardType} card to Apple Pay or Google Pay from the app: Cards → the card → "Add to wallet".',
  ],
  [
    'atm_support',
    'using ATMs',
    'You can withdraw cash at any ATM that accepts Visa or Mastercard. Withdrawals are free up to your monthly allowance, shown in the app under Plan.',
  ],
  [
    'automatic_top_up',
    'automatic top-ups',
    'Auto top-up adds money from your linked card when your balance falls below a level you choose. Turn it on in the app under Top up → Auto top-up.',
  ],
  [
    'balance_not_updated_after_bank_transfer',
    'a bank transfer not in your balance',
    "Bank transfers usually arrive within a working day, and up to 3 working days from abroad. If it has been longer, send us the sender's payment confirmation and we will trace it.",
  ],
  [
    'balance_not_updated_after_cheque_or_cash_deposit',
    'a cash or cheque deposit not in your balance',
    'Cash and cheque deposits can take up to 3 working days to show in your balance. If it is later than that, keep your receipt and we will look into it.',
  ],
  [
    'beneficiary_not_allowed',
    'a payee that cannot be added',
    'Some payees cannot be added because the receiving bank or account type is not supported, or for security checks. Check the details and try again; if it still fails, we will look at it with you.',
  ],
  [
    'cancel_transfer',
    'cancelling a transfer',
    'A transfer can be cancelled while it is still pending: open it in the app and tap "Cancel". Once it has been sent we can only ask the receiving bank to return it.',
  ],
  [
    'card_about_to_expire',
    'a card about to expire',
    'We send a new card automatically about a month before yours expires. You can also order one in the app under Cards → Replace card.',
  ],
  [
    'card_acceptance',
    'where the card is accepted',
    'Your card works wherever Visa or Mastercard is accepted, online and in shops, in the UK and abroad.',
  ],
  [
    'card_arrival',
    'a card that has not arrived',
    'Cards usually arrive within 3 to 5 working days of ordering (up to 10 abroad). You can follow the delivery in the app under Cards; if it is later than that, we can cancel it and send a new one.',
  ],
  [
    'card_delivery_estimate',
    'how long card delivery takes',
    'Delivery takes 3 to 5 working days in the UK and up to 10 working days elsewhere. Express delivery is available when you order.',
  ],
  [
    'card_linking',
    'linking a card',
    'To link a card you already have, open the app, go to Cards → "Link a card" and enter the activation code from its letter.',
  ],
  [
    'card_not_working',
    'a card that is not working',
    'Sorry your {cardType} card is not working. Check in the app that it is not frozen and that the payment type is enabled (Cards → Security), and that your balance covers the payment. If it still fails, we will order you a replacement.',
    ['cardType'],
  ],
  [
    'card_payment_fee_charged',
    'a fee on a card payment',
    "Card payments in your account currency are free. A fee may apply to payments in another currency above your plan's allowance; the app shows it under the payment.",
  ],
  [
    'card_payment_not_recognised',
    'a card payment you do not recognise',
    'If you do not recognise the payment at {merchant}, freeze your card in the app straight away. Merchants sometimes use a different name on statements; if it is still unfamiliar, report it from the payment screen and we will investigate.',
    ['merchant'],
  ],
  [
    'card_payment_wrong_exchange_rate',
    'the exchange rate of a card payment',
    "Card payments abroad use the network's rate on the day the merchant settles the payment, which can differ from the rate when you paid. The app shows the rate applied under the payment.",
  ],
  [
    'card_swallowed',
    'a card kept by an ATM',
    'If an ATM kept your card, freeze it in the app and order a replacement. For your security the card cannot be returned to you.',
  ],
  [
    'cash_withdrawal_charge',
    'a fee on a cash withdrawal',
    'Withdrawals are free up to your monthly allowance; after that a 2 % fee applies. Some ATM operators add their own charge, which they show on screen.',
  ],
  [
    'cash_withdrawal_not_recognised',
    'a cash withdrawal you do not recognise',
    'If you did not make the withdrawal on {date|that day}, freeze your card now in the app and report it from the transaction screen. We will investigate and keep you informed.',
    ['date'],
  ],
  [
    'change_pin',
    'changing your PIN',
    'You can change your PIN at any ATM that offers PIN services, after inserting your card and entering the current PIN.',
  ],
  [
    'compromised_card',
    'a card that may be compromised',
    'If you think your card details were compromised, freeze the card in the app now, then cancel it and order a new one. Report any payment you do not recognise from its screen.',
  ],
  [
    'contactless_not_working',
    'contactless payments not working',
    'Contactless needs one chip-and-PIN payment first after a new card, and has a limit per payment. Check that contactless is enabled in the app (Cards → Security).',
  ],
  [
    'country_support',
    'which countries we support',
    'You can open an account if you live in the UK or the European Economic Area. The card works worldwide.',
  ],
  [
    'declined_card_payment',
    'a declined card payment',
    'Payments are declined when the card is frozen, the payment type is disabled, the balance is too low or our fraud checks stopped it. The app shows the reason under the declined payment.',
  ],
  [
    'declined_cash_withdrawal',
    'a declined cash withdrawal',
    "A withdrawal can be declined for a wrong PIN, a disabled ATM setting, your balance, or the ATM's own limit. Check the card settings in the app and try another ATM.",
  ],
  [
    'declined_transfer',
    'a declined transfer',
    'A transfer can be declined when the details do not match the receiving account, your balance is too low, or our security checks need more information. The app shows the reason under the transfer.',
  ],
  [
    'direct_debit_payment_not_recognised',
    'a direct debit you do not recognise',
    'If you do not recognise the direct debit from {merchant}, you can cancel it in the app under Payments → Direct debits and claim a refund under the Direct Debit Guarantee.',
    ['merchant'],
  ],
  [
    'disposable_card_limits',
    'disposable virtual card limits',
    'A disposable virtual card can be used for one payment, after which its details change. You can create up to 20 a day.',
  ],
  [
    'edit_personal_details',
    'changing your personal details',
    'You can change your address, email and phone number in the app under Profile. A change of name needs an identity document.',
  ],
  [
    'exchange_charge',
    'currency exchange fees',
    "Exchanges are free up to your plan's monthly allowance; above it a 0.5 % fee applies, and a small mark-up applies at weekends.",
  ],
  [
    'exchange_rate',
    'exchange rates',
    'We use the interbank rate at the time of the exchange. The app shows the live rate before you confirm.',
  ],
  [
    'exchange_via_app',
    'exchanging currencies in the app',
    'To exchange money, open the app, tap Exchange, choose the two currencies and the amount, and confirm.',
  ],
  [
    'extra_charge_on_statement',
    'an unexpected charge on your statement',
    'An extra charge is usually a currency exchange, ATM or plan fee. Open it in the app to see what it is for; if it still looks wrong, tell us and we will check.',
  ],
  [
    'failed_transfer',
    'a failed transfer',
    'A transfer fails when the receiving bank rejects it, usually because of wrong details. The money comes back to your balance, normally within 2 working days.',
  ],
  [
    'fiat_currency_support',
    'which currencies we hold',
    'You can hold and exchange more than 25 currencies in the app, including GBP, EUR and USD.',
  ],
  [
    'get_disposable_virtual_card',
    'getting a disposable virtual card',
    'To create a disposable virtual card, go to Cards → "+" → Disposable virtual card in the app. It is ready straight away.',
  ],
  [
    'get_physical_card',
    'getting a physical card',
    'You can order a physical card in the app under Cards → "+" → Physical card. It arrives in 3 to 5 working days.',
  ],
  [
    'getting_spare_card',
    'ordering an extra card',
    'You can order an extra physical card, or create a virtual one, in the app under Cards → "+".',
  ],
  [
    'getting_virtual_card',
    'getting a virtual card',
    'To create a virtual card, go to Cards → "+" → Virtual card in the app. It is ready to use straight away.',
  ],
  [
    'lost_or_stolen_card',
    'a lost or stolen card',
    'Please freeze your {cardType} card in the app straight away (Cards → Freeze), then report it lost or stolen there to cancel it and order a replacement.',
  ],
  [
    'lost_or_stolen_phone',
    'a lost or stolen phone',
    'If your phone was lost or stolen, log in on another device to freeze your cards, or tell us here and we will block access to your account.',
  ],
  [
    'order_physical_card',
    'ordering a physical card',
    'Order a physical card in the app under Cards → "+" → Physical card; delivery takes 3 to 5 working days.',
  ],
  [
    'passcode_forgotten',
    'a forgotten passcode',
    'To reset your passcode, log out of the app and tap "Forgot passcode"; we will verify your identity and let you set a new one.',
  ],
  [
    'pending_card_payment',
    'a pending card payment',
    'Card payments stay pending until the merchant settles them, usually within 7 days. If the merchant never settles, the money returns to your balance.',
  ],
  [
    'pending_cash_withdrawal',
    'a pending cash withdrawal',
    'Withdrawals show as pending until the ATM operator settles them, usually within a few days. Your balance already reflects the amount.',
  ],
  [
    'pending_top_up',
    'a pending top-up',
    'Top-ups by card are usually instant but can be held for a security check for up to a few hours. Bank transfer top-ups take up to a working day.',
  ],
  [
    'pending_transfer',
    'a pending transfer',
    'Transfers within the UK usually arrive within hours; international ones take 1 to 3 working days. A transfer may be held briefly for security checks.',
  ],
  [
    'pin_blocked',
    'a blocked PIN',
    'After three wrong PIN attempts the PIN is blocked. You can unblock it in the app under Cards → Security → "Unblock PIN".',
  ],
  [
    'receiving_money',
    'receiving money',
    'To receive money, share your account details from the app (Accounts → Details). Transfers in are free.',
  ],
  [
    'Refund_not_showing_up',
    'a refund that has not arrived',
    'Refunds from {merchant|a merchant} can take up to 10 working days to appear after the merchant sends them. If it has been longer, ask the merchant for their refund reference and we will trace it.',
    ['merchant'],
  ],
  [
    'request_refund',
    'asking for a refund',
    'Please ask {merchant|the merchant} for the refund first. If they do not answer or refuse, you can dispute the payment from its screen in the app.',
    ['merchant'],
  ],
  [
    'reverted_card_payment?',
    'a reverted card payment',
    'A payment is reverted when the merchant cancels it before settling; the money returns to your balance. If you still wanted to pay {merchant|the merchant}, please pay again.',
  ],
  [
    'supported_cards_and_currencies',
    'which cards and currencies are supported',
    'You can top up with Visa or Mastercard debit and credit cards, and spend in any currency the card networks support.',
  ],
  [
    'terminate_account',
    'closing your account',
    'You can close your account in the app under Profile → "Close account" once your balance is zero. We are sorry to see you go.',
  ],
  ['top_up_by_bank_transfer_charge', 'fees on bank transfer top-ups', 'Topping up by bank transfer is free.'],
  [
    'top_up_by_card_charge',
    'fees on card top-ups',
    'Top-ups with a UK card are free; cards issued abroad or corporate cards may incur a small fee, shown before you confirm.',
  ],
  [
    'top_up_by_cash_or_cheque',
    'topping up with cash or a cheque',
    'We do not accept cash or cheques for top-ups. You can top up by card or bank transfer.',
  ],
  [
    'top_up_failed',
    'a failed top-up',
    'A top-up fails when the card issuer declines it or the card details are out of date. Check the card in the app, or try a bank transfer.',
  ],
  [
    'top_up_limits',
    'top-up limits',
    'You can top up up to £10,000 a day by card. Bank transfers have no top-up limit from us.',
  ],
  [
    'top_up_reverted',
    'a reverted top-up',
    'A top-up is reverted when your card issuer or our checks stop it; the money returns to your card, usually within 5 working days.',
  ],
  [
    'topping_up_by_card',
    'topping up by card',
    'To top up by card, tap Top up in the app, choose or add a card and enter the amount.',
  ],
  [
    'transaction_charged_twice',
    'a payment charged twice',
    'Sorry about the double charge of {amount} at {merchant}. One of the two is often a pending authorisation that drops off within 7 days. If both are still there after that, dispute the duplicate from its screen in the app.',
    ['merchant', 'amount'],
  ],
  [
    'transfer_fee_charged',
    'a fee on a transfer',
    'Transfers in your account currency are free; international transfers show their fee before you confirm. The fee charged is listed under the transfer.',
  ],
  [
    'transfer_into_account',
    'transferring money into your account',
    'To add money by bank transfer, send it to the account details shown in the app under Accounts → Details.',
  ],
  [
    'transfer_not_received_by_recipient',
    'a transfer the recipient has not received',
    "Transfers can take up to 3 working days to reach an account abroad. Check the recipient's details in the app; if they are right and it is later than that, we will trace the payment.",
  ],
  [
    'transfer_timing',
    'how long transfers take',
    'UK transfers usually arrive within hours; transfers in euros within a working day, and other international transfers within 1 to 3 working days.',
  ],
  [
    'unable_to_verify_identity',
    'trouble verifying your identity',
    'If verification fails, make sure the document is valid, the photo is sharp and all corners are visible, and try again. If it still fails, we will check it manually.',
  ],
  [
    'verify_my_identity',
    'verifying your identity',
    'To verify your identity, follow the steps in the app: a photo of a passport, driving licence or ID card and a short selfie video.',
  ],
  [
    'verify_source_of_funds',
    'proving the source of your funds',
    'We are required by law to ask where larger amounts come from. Upload a payslip, bank statement or sale contract in the app when asked.',
  ],
  [
    'verify_top_up',
    'verifying a top-up',
    'For security we may ask you to verify a card top-up with the code shown on your card statement. Enter it in the app under Top up.',
  ],
  [
    'virtual_card_not_working',
    'a virtual card that is not working',
    'Check in the app that the virtual card is not frozen and that online payments are enabled. Disposable virtual cards work for one payment only.',
  ],
  [
    'visa_or_mastercard',
    'Visa or Mastercard',
    'Our cards are issued as Visa or Mastercard depending on your country; the app shows which under Cards.',
  ],
  [
    'why_verify_identity',
    'why we verify identity',
    "We verify every customer's identity because the law requires it, to protect you from fraud and to prevent money laundering.",
  ],
  [
    'wrong_amount_of_cash_received',
    'the wrong amount of cash from an ATM',
    'Sorry the ATM gave you the wrong amount. If you were charged {amount} but received less, report it from the withdrawal in the app and we will claim it back from the ATM operator.',
    ['amount'],
  ],
  [
    'wrong_exchange_rate_for_cash_withdrawal',
    'the exchange rate of a cash withdrawal',
    "Withdrawals abroad use the card network's rate; the ATM operator may offer its own conversion, which is usually worse. Choose to be charged in the local currency.",
  ],
];

export const DEFAULT_ANSWERS: IntentAnswer[] = ROWS.map(([intent, title, template, requiredSlots]) => ({
  intent,
  title,
  template,
  requiredSlots: requiredSlots ?? [],
}));

/** Intents that answer a social turn and leave the conversation's topic as it was. */
export const CONVERSATIONAL_INTENTS: ReadonlySet<string> = new Set([
  'greeting',
  'thanks',
  'goodbye',
  'human_agent',
]);
