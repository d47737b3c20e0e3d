import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { INFERENCE_BACKEND, type InferenceBackend } from '@suite/inference';
import { DEID_OPTIONS, type DeidOptions } from './deid.options.js';
import { loadDeidModel, type LoadedDeidModel } from './model/deid-model-loader.js';
import type { DeidLanguage, DeidRequest, DeidResult } from './phi-finding.js';
import type { PhiSpan } from './phi-labels.js';
import { englishGazetteer } from '@suite/medical-models';
import { detectPhiSpans } from './phi-detection.js';
import { withKnownIdentifiers } from './known-identifier-detection.js';
import type { KnownIdentifiers } from './known-identifiers.js';
import { nameWordHashes, NameMemoryHasher, withRememberedNames } from './patient-name-memory.js';
import { replacePhiSpans } from './phi-replacement.js';
import { DocumentSurrogates, redactionToken } from './surrogates/document-surrogates.js';

// De-identification of clinical text (English, Spanish): rules plus the learnt MEDDOCAN tagger,
// served through libs/inference. Never logs text or values; only counts and model names.
@Injectable()
export class DeidService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeidService.name);
  private readonly loading = new Map<string, Promise<LoadedDeidModel>>();
  private readonly nameMemory: NameMemoryHasher;

  constructor(
    @Inject(DEID_OPTIONS) private readonly options: DeidOptions,
    @Inject(INFERENCE_BACKEND) private readonly backend: InferenceBackend,
  ) {
    this.nameMemory = new NameMemoryHasher(options.secret);
  }

  /**
   * Loads the models at start-up, so that the first document does not wait for them, and the English
   * rules' gazetteer (read synchronously, about a second): at start-up it cannot hold up requests.
   */
  async onModuleInit(): Promise<void> {
    englishGazetteer();
    for (const model of await this.models())
      this.logger.log(`de-identification model ${model.card.name}/${model.card.version} ready`);
  }

  async onModuleDestroy(): Promise<void> {
    const loading = [...this.loading.values()];
    this.loading.clear();
    for (const model of await Promise.allSettled(loading))
      if (model.status === 'fulfilled') await model.value.close();
  }

  /** PHI spans in `text` itself (offsets into the original), with MEDDOCAN labels. */
  async detectPhi(text: string, language: DeidLanguage, known?: KnownIdentifiers): Promise<PhiSpan[]> {
    const model = await this.modelFor(language);
    const spans = await detectPhiSpans(text, language, model?.tagger ?? null, model?.card.extra.combination);
    return known ? withKnownIdentifiers(text, spans, known) : spans;
  }

  async deidentify(req: DeidRequest): Promise<DeidResult> {
    let spans = await this.detectPhi(req.text, req.language, req.knownIdentifiers);
    if (req.rememberedNameWords)
      spans = withRememberedNames(req.text, spans, req.rememberedNameWords, this.nameMemory);
    const result = this.replace(req, spans);
    if (req.patientKey === undefined) return result;
    return { ...result, nameWords: nameWordHashes(req.text, spans, this.nameMemory) };
  }

  /** The stored key of the name memory of `patientKey` (a keyed hash, never the key itself). */
  nameMemoryKey(patientKey: string): string {
    return this.nameMemory.patient(patientKey);
  }

  private replace(req: DeidRequest, spans: PhiSpan[]): DeidResult {
    if (req.mode === 'redact') return replacePhiSpans(req.text, spans, (s) => redactionToken(s.type));
    // Without a patient key the document is its own patient: dates shift consistently inside it.
    const patientKey = req.patientKey ?? `document:${createHash('sha256').update(req.text).digest('hex')}`;
    const surrogates = new DocumentSurrogates(this.options.secret, req.language, patientKey);
    return replacePhiSpans(req.text, spans, (s, original) => surrogates.surrogateFor(s, original));
  }

  /** Name and version of the learnt model used for `language` (default Spanish), or null for rules alone. */
  async modelInUse(language: DeidLanguage = 'es'): Promise<{ name: string; version: string } | null> {
    const model = await this.modelFor(language);
    return model ? { name: model.card.name, version: model.card.version } : null;
  }

  private async modelFor(language: DeidLanguage): Promise<LoadedDeidModel | null> {
    return (await this.models()).find((m) => m.tagger.languages.includes(language)) ?? null;
  }

  private models(): Promise<LoadedDeidModel[]> {
    const names = [this.options.englishModel ?? null, this.options.model].filter(
      (n): n is string => n !== null,
    );
    return Promise.all(names.map((name) => this.load(name)));
  }

  private load(name: string): Promise<LoadedDeidModel> {
    let loading = this.loading.get(name);
    if (loading) return loading;
    loading = loadDeidModel({
      modelsDir: this.options.modelsDir,
      name,
      version: name === this.options.model ? this.options.version : undefined,
      backend: this.backend,
    }).catch((err: unknown) => {
      // Fail closed: rules alone catch far less PHI (MEDDOCAN dev leak recall 0.69 vs 0.99), so a missing
      // model stops the service instead of silently degrading; DEID_MODEL=none is the explicit opt-in.
      this.loading.delete(name);
      throw new Error(
        `de-identification model ${name} could not be loaded (${(err as Error).name}); ` +
          'set DEID_MODEL=none to run the rules alone',
      );
    });
    this.loading.set(name, loading);
    return loading;
  }
}
