// A refusal of an HL7 v2 message in the sender's terms: the segment and field (e.g. PID-3), the HL7
// error condition code (table 0357) and whether the message is rejected (AR: it cannot be processed
// as sent, e.g. an unsupported type) or in error (AE: its content is wrong). It is a DomainError, so
// JSON callers get the usual 400 naming the field; HL7 callers get an ACK with MSA and ERR from it.
import { DomainError } from '@suite/platform';

/** HL7 v2 table 0357, the condition codes used here. */
export const HL7_ERROR_CODES = {
  segmentSequence: '100',
  requiredFieldMissing: '101',
  dataTypeError: '102',
  tableValueNotFound: '103',
  valueTooLong: '104',
  unsupportedMessageType: '200',
  unsupportedEventCode: '201',
  unsupportedProcessingId: '202',
  unsupportedVersionId: '203',
  duplicateKeyIdentifier: '205',
  applicationInternalError: '207',
} as const;
export type Hl7ErrorCode = (typeof HL7_ERROR_CODES)[keyof typeof HL7_ERROR_CODES];

export class Hl7Refusal extends DomainError {
  constructor(
    /** Where, as `SEG-n` or `SEG-n.c`, optionally with the segment's position in the message. */
    readonly location: string,
    problem: string,
    readonly hl7ErrorCode: Hl7ErrorCode = HL7_ERROR_CODES.dataTypeError,
    readonly acknowledgement: 'AE' | 'AR' = 'AE',
  ) {
    super('VALIDATION_FAILED', `${location}: ${problem}`, {
      fields: [{ field: location, messages: [problem] }],
    });
  }
}

export function hl7Refusal(
  location: string,
  problem: string,
  code: Hl7ErrorCode = HL7_ERROR_CODES.dataTypeError,
  acknowledgement: 'AE' | 'AR' = 'AE',
): Hl7Refusal {
  return new Hl7Refusal(location, problem, code, acknowledgement);
}
