// De-identification of real notes (the PhysioNet deid dev notes, data/physionet-deid/dev/*.txt)
// through POST /v1/documents of the built medical-records service (real AppModule and HTTP stack:
// validation, API-key auth, de-identification with the English model, NER, the patient's name
// memory, PostgreSQL in a scratch database), closed loop at concurrency 1 and 4: notes/s, p50/p99.
// Each note is posted with its patient's id (`pPPP`, a fresh one per level), so the name memory is
// read and written as in production; concurrency 1 is also run without patientId (no memory). The
// reference is DeidService.deidentify in the same process on the same notes, one at a time.
// `--concurrency=1,4` chooses the levels, `--limit=n` posts the first n notes only.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DeidService } from '../apps/medical-records/src/deid/deid.service.js';
import type { Benchmark } from './benchmark.js';
import { startMedicalService } from './support/medical-service.js';

const DEV_NOTES = 'data/physionet-deid/dev';

const log = (message: string): void => void process.stderr.write(`${message}\n`);
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

interface Note {
  patient: string;
  text: string;
}

interface Level {
  notesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  notes: number;
}

function summary(latencies: number[], seconds: number): Level {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number): number =>
    round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
  return {
    notesPerSec: round(sorted.length / seconds, 2),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    notes: sorted.length,
  };
}

/** Every note once, `concurrency` clients each sending its next note when the previous one is answered. */
async function closedLoop(
  notes: readonly Note[],
  concurrency: number,
  send: (note: Note) => Promise<void>,
): Promise<Level> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < notes.length) {
        const note = notes[next++];
        const at = performance.now();
        await send(note);
        latencies.push(performance.now() - at);
      }
    }),
  );
  return summary(latencies, (performance.now() - started) / 1000);
}

const run: Benchmark = async (args) => {
  const option = (name: string): string | undefined =>
    args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const levels = (option('concurrency') ?? '1,4').split(',').map(Number);
  const names = (await readdir(DEV_NOTES)).filter((n) => n.endsWith('.txt')).sort();
  const limit = Number(option('limit') ?? names.length);
  const notes: Note[] = await Promise.all(
    names.slice(0, limit).map(async (n) => ({
      patient: n.split('-')[0],
      text: await readFile(join(DEV_NOTES, n), 'utf8'),
    })),
  );
  const chars = notes.reduce((n, d) => n + d.text.length, 0);
  log(`${DEV_NOTES}: ${notes.length} notes, ${chars} characters`);

  const service = await startMedicalService('deid_bench');
  const { app, key } = service;
  try {
    const url = `${service.base}/v1/documents`;
    const post = async (text: string, patientId?: string): Promise<void> => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ text, language: 'en', ...(patientId && { patientId }) }),
      });
      if (res.status !== 201) throw new Error(`POST /v1/documents answered ${res.status}`);
      await res.arrayBuffer();
    };
    const deid = app.get(DeidService);

    // Warm-up: the models, the JIT, the pool.
    for (const note of notes.slice(0, 5)) {
      await post(note.text, `warmup-${note.patient}`);
      await deid.deidentify({ text: note.text, language: 'en', mode: 'redact' });
    }

    const inProcess = await closedLoop(notes, 1, async (note) => {
      await deid.deidentify({ text: note.text, language: 'en', mode: 'redact' });
    });
    log(`DeidService in process: ${JSON.stringify(inProcess)}`);
    const http: Record<string, Level> = {};
    for (const c of levels) {
      http[`c${c}`] = await closedLoop(notes, c, (note) => post(note.text, `c${c}-${note.patient}`));
      log(`POST /v1/documents, concurrency ${c}: ${JSON.stringify(http[`c${c}`])}`);
    }
    const withoutPatient = await closedLoop(notes, 1, (note) => post(note.text));
    log(`POST /v1/documents, concurrency 1, no patientId: ${JSON.stringify(withoutPatient)}`);
    const best = Math.max(...Object.values(http).map((l) => l.notesPerSec));
    return {
      data: `${DEV_NOTES} (${notes.length} real nursing notes, ${chars} characters)`,
      through:
        'POST /v1/documents (JSON, language en, patientId per patient: de-identification, NER, name memory, PostgreSQL), closed loop',
      http,
      httpC1WithoutPatientId: withoutPatient,
      inProcessDeid: {
        ...inProcess,
        what: 'DeidService.deidentify (redact), one note at a time, same process',
      },
      bestHttpShareOfInProcess: round(best / inProcess.notesPerSec, 3),
    };
  } finally {
    await service.close();
  }
};

export default run;
