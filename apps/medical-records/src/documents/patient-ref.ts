// Patients are stored and looked up by a keyed hash of the source's identifier, never the identifier:
// HMAC-SHA256 (RFC 2104) under MEDICAL_PATIENT_REF_SECRET, so the reference cannot be reversed by
// hashing candidate MRNs without the key.
import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, ConfigError } from '@suite/platform';
import type { MedicalConfig } from '../medical.config.js';

// Development and tests only: production refuses to start without a secret of its own.
const DEVELOPMENT_SECRET = 'medical-records-development-patient-ref-secret';

@Injectable()
export class PatientRefHasher {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: MedicalConfig) {
    if (config.MEDICAL_PATIENT_REF_SECRET) {
      this.secret = config.MEDICAL_PATIENT_REF_SECRET;
    } else if (config.NODE_ENV === 'production') {
      throw new ConfigError([
        { variable: 'MEDICAL_PATIENT_REF_SECRET', message: 'is required in production (32+ characters)' },
      ]);
    } else {
      new Logger(PatientRefHasher.name).warn('MEDICAL_PATIENT_REF_SECRET unset: using the development key');
      this.secret = DEVELOPMENT_SECRET;
    }
  }

  patientRefOf(patientId: string | undefined): string | null {
    if (patientId === undefined) return null;
    return createHmac('sha256', this.secret).update(patientId.trim(), 'utf8').digest('hex');
  }
}
