import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { INFERENCE_BACKEND, type InferenceBackend } from '@suite/inference';
import { MedicalTokenizer, TimeSlice } from '@suite/medical-models';
import { extractMedicalEntities } from './entity-extraction.js';
import { type MedicalEntity, NER_LANGUAGES } from './medical-entity.js';
import { loadNerModel, type LoadedNerModel } from './model/ner-model-loader.js';
import { NER_OPTIONS, type NerOptions } from './ner.options.js';

// Medical entities (Chemical, Disease) in clinical text, with offsets into the text as given. The
// model is served by the process's engine (INFERENCE_BACKEND, from InferenceModule).
@Injectable()
export class NerService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NerService.name);
  private readonly tokenizer = new MedicalTokenizer();
  private loading?: Promise<LoadedNerModel>;

  constructor(
    @Inject(NER_OPTIONS) private readonly options: NerOptions,
    @Inject(INFERENCE_BACKEND) private readonly backend: InferenceBackend,
  ) {}

  async onModuleInit(): Promise<void> {
    const model = await this.model();
    this.logger.log(`NER model ${model.card.name}/${model.card.version} ready`);
  }

  async onModuleDestroy(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (loading) await (await loading).close();
  }

  /**
   * Every entity, each marked `belowThreshold` when under the model's threshold for its type.
   * `slice`: the caller's time slice, so one document's text work gives way to other requests.
   */
  async extractEntities(text: string, slice = new TimeSlice()): Promise<MedicalEntity[]> {
    const model = await this.model();
    const thresholds = model.card.extra.confidenceThresholds ?? {};
    const entities = await extractMedicalEntities(model.tagger, this.tokenizer, text, slice);
    return entities.map((e) => ({ ...e, belowThreshold: e.confidence < (thresholds[e.type] ?? 0) }));
  }

  supportsLanguage(language: string): boolean {
    return NER_LANGUAGES.includes(language);
  }

  /** The card of the model in use (name, version, metrics, privacy). */
  async modelCard(): Promise<LoadedNerModel['card']> {
    return (await this.model()).card;
  }

  private model(): Promise<LoadedNerModel> {
    this.loading ??= loadNerModel({
      modelsDir: this.options.modelsDir,
      name: this.options.model,
      version: this.options.version,
      backend: this.backend,
    }).catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }
}
