import { type DynamicModule, Module } from '@nestjs/common';
import { DEID_OPTIONS, deidOptionsFromEnv, mergeDeidOptions, type DeidOptions } from './deid.options.js';
import { DeidService } from './deid.service.js';

// Import DeidModule for the defaults (DEID_SECRET, DEID_MODEL, MODELS_DIR), or
// DeidModule.forRoot({...}) to choose. The app provides INFERENCE_BACKEND (InferenceModule).
@Module({
  providers: [{ provide: DEID_OPTIONS, useFactory: () => deidOptionsFromEnv() }, DeidService],
  exports: [DeidService],
})
export class DeidModule {
  static forRoot(options: Partial<DeidOptions>): DynamicModule {
    return {
      module: DeidModule,
      providers: [
        { provide: DEID_OPTIONS, useValue: mergeDeidOptions(deidOptionsFromEnv(), options) },
        DeidService,
      ],
      exports: [DeidService],
    };
  }
}
