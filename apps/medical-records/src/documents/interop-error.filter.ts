// Errors of POST /v1/documents in the caller's terms: an HL7 ACK (MSA AE/AR + ERR naming segment and
// field) when it asked for ER7, an OperationOutcome (issue.expression = FHIRPath) when it speaks FHIR,
// the platform's JSON error otherwise. Same statuses, same logging of unexpected errors.
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { AllExceptionsFilter, describeError, DomainError, logUnexpected } from '@suite/platform';
import { buildAcknowledgement, HL7_ERROR_CODES } from '../ingestion/hl7-ack.js';
import { Hl7Refusal, type Hl7ErrorCode } from '../ingestion/hl7-refusal.js';
import { FHIR_RESPONSE_TYPE, HL7_RESPONSE_TYPE, responseFormatOf } from '../ingestion/response-format.js';
import { operationOutcome } from './fhir-response.js';

interface Reply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
  send(body: unknown): unknown;
}

function hl7CodeOf(status: number): Hl7ErrorCode {
  if (status === 409) return HL7_ERROR_CODES.duplicateKeyIdentifier;
  if (status === 413) return HL7_ERROR_CODES.valueTooLong;
  if (status === 415) return HL7_ERROR_CODES.unsupportedMessageType;
  if (status >= 500) return HL7_ERROR_CODES.applicationInternalError;
  return HL7_ERROR_CODES.dataTypeError;
}

@Catch()
export class InteropErrorFilter implements ExceptionFilter {
  private readonly json = new AllExceptionsFilter();
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return this.json.catch(exception, host);
    const http = host.switchToHttp();
    const req = http.getRequest<{
      id: string;
      headers: Record<string, string | string[] | undefined>;
      body?: unknown;
    }>();
    const format = responseFormatOf(req.headers);
    if (format === 'json') return this.json.catch(exception, host);
    const { status, body, headers } = describeError(exception, req.id);
    if (status >= 500 && !(exception instanceof DomainError)) logUnexpected(this.logger, exception, req.id);
    const reply = http.getResponse<Reply>();
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    reply.status(status);
    if (format === 'hl7') {
      const field = body.fields?.[0];
      const refusal = exception instanceof Hl7Refusal ? exception : undefined;
      const ack = buildAcknowledgement(
        req.body,
        refusal?.acknowledgement ?? (status >= 500 || status === 415 ? 'AR' : 'AE'),
        {
          location: refusal?.location ?? field?.field ?? '',
          code: refusal?.hl7ErrorCode ?? hl7CodeOf(status),
          message: field ? `${field.field}: ${field.messages.join('; ')}` : body.message,
        },
      );
      reply.header('content-type', HL7_RESPONSE_TYPE);
      reply.send(ack);
      return;
    }
    reply.header('content-type', FHIR_RESPONSE_TYPE);
    reply.send(
      operationOutcome(status, `${body.message} (correlation id ${body.correlationId})`, body.fields),
    );
  }
}
