import { PatientIdField } from './patient-id.field.js';
import { DocumentWindowQuery } from './list-documents.query.js';

export class FindDocumentsByPatientDto extends DocumentWindowQuery {
  @PatientIdField()
  patientId: string;
}
