// Issue 18 item 9: entities under the model's per-type confidence threshold (chosen on validation
// data, on the model card) are withheld unless the caller asks for all; Spanish documents do not go
// through the English NER model and the response says so. Real AppModule, model and PostgreSQL.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

interface Entity {
  type: string;
  text: string;
  start: number;
  end: number;
  confidence: number;
  belowThreshold: boolean;
}
interface DocumentBody {
  id: string;
  language: string;
  entities: Entity[];
  entitiesBelowThreshold: number;
  entitiesSkipped: string | null;
}

const card = JSON.parse(readFileSync('models/bc5cdr/1/model.json', 'utf8')) as {
  extra: { confidenceThresholds: Record<string, number> };
};
const thresholds = card.extra.confidenceThresholds;

// The examples (abbreviations the model tags with low confidence) among ordinary content.
const NOTE_EN =
  'DOB on file. MA reviewed the chart. History of hypertension and type 2 diabetes. ' +
  'Started metformin 500 mg and lisinopril. Mild nausea after cisplatin; no seizures. MA and DOB noted. ' +
  'HbA1c elevated; CKD stage 3; RA flare treated with MTX and prednisone.';
const NOTE_ES =
  'Paciente de 67 años con antecedentes de hipertensión arterial y diabetes mellitus. ' +
  'Tratamiento con metformina y enalapril.';

describe('medical-records: entity thresholds and languages', () => {
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP);
    key = await sut.createKey(SERVICE, ['documents:write', 'documents:read']);
  });

  afterAll(() => sut.close());

  const post = (query = '') => request(sut.server).post(`/v1/documents${query}`).set('x-api-key', key);

  it('the shipped card carries a threshold for every entity type', () => {
    expect(Object.keys(thresholds).sort()).toEqual(['Chemical', 'Disease']);
    for (const t of Object.values(thresholds)) expect(t).toBeGreaterThanOrEqual(0);
    // Not a no-op: at least one type has a threshold that withholds something.
    expect(Math.max(...Object.values(thresholds))).toBeGreaterThan(0);
  });

  it('withholds entities under their type threshold unless includeLowConfidence=true', async () => {
    const shown = await post().send({ text: NOTE_EN, language: 'en' });
    expect(shown.status).toBe(201);
    const doc = shown.body as DocumentBody;
    expect(doc.entitiesSkipped).toBeNull();
    for (const e of doc.entities) {
      expect(e.belowThreshold).toBe(false);
      expect(e.confidence).toBeGreaterThanOrEqual(thresholds[e.type]);
    }

    const all = await request(sut.server)
      .get(`/v1/documents/${doc.id}?includeLowConfidence=true`)
      .set('x-api-key', key);
    expect(all.status).toBe(200);
    const everything = all.body as DocumentBody;
    expect(everything.entitiesBelowThreshold).toBe(0);
    const below = everything.entities.filter((e) => e.belowThreshold);
    for (const e of below) expect(e.confidence).toBeLessThan(thresholds[e.type]);
    // The default view is exactly the entities at or above threshold, and says how many it left out.
    expect(everything.entities.filter((e) => !e.belowThreshold)).toEqual(doc.entities);
    expect(doc.entitiesBelowThreshold).toBe(below.length);
    expect(below.length).toBeGreaterThan(0);
    expect(doc.entities.map((e) => e.text)).toEqual(expect.arrayContaining(['hypertension', 'lisinopril']));
  });

  it('the same choice applies when the document is posted', async () => {
    const res = await post('?includeLowConfidence=true').send({ text: NOTE_EN, language: 'en' });
    expect(res.status).toBe(201);
    const doc = res.body as DocumentBody;
    expect(doc.entitiesBelowThreshold).toBe(0);
    expect(doc.entities.some((e) => e.belowThreshold)).toBe(true);
  });

  it('rejects an includeLowConfidence that is not true or false, naming the field only', async () => {
    const res = await post('?includeLowConfidence=yes-please').send({ text: NOTE_EN });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('includeLowConfidence');
    expect(JSON.stringify(res.body)).not.toContain('yes-please');
  });

  it('does not run the English model on Spanish and says why there are no entities', async () => {
    for (const body of [{ text: NOTE_ES }, { text: NOTE_ES, language: 'es' }]) {
      const res = await post('?includeLowConfidence=true').send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        language: 'es',
        entities: [],
        entitiesBelowThreshold: 0,
        entitiesSkipped: 'language-not-supported',
      });
      const read = await request(sut.server)
        .get(`/v1/documents/${(res.body as DocumentBody).id}`)
        .set('x-api-key', key);
      expect(read.body).toMatchObject({ entities: [], entitiesSkipped: 'language-not-supported' });
    }
  });
});
