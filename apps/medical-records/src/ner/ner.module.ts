import { type DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_NER_OPTIONS, NER_OPTIONS, type NerOptions } from './ner.options.js';
import { NerService } from './ner.service.js';

// Import NerModule for the defaults (MODELS_DIR, NER_MODEL, else models/ and bc5cdr), or
// NerModule.forRoot({...}) to choose. The app provides INFERENCE_BACKEND (InferenceModule).
@Module({
  providers: [{ provide: NER_OPTIONS, useValue: DEFAULT_NER_OPTIONS }, NerService],
  exports: [NerService],
})
export class NerModule {
  static forRoot(options: Partial<NerOptions>): DynamicModule {
    return {
      module: NerModule,
      providers: [{ provide: NER_OPTIONS, useValue: { ...DEFAULT_NER_OPTIONS, ...options } }, NerService],
      exports: [NerService],
    };
  }
}
