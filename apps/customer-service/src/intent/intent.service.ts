// The intent model inside the service: the shipped model served by a LocalInferenceEngine of the
// service's own (dynamic batching across concurrent conversations, L1 cache of repeated messages,
// metrics on the app's /metrics).
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { IntentScore } from './intent-classifier.js';
import type { LoadedIntentModel } from './intent-model-loader.js';
import type { IntentModelSpec } from '@suite/support-models';

export const INTENT_MODEL = Symbol('INTENT_MODEL');

@Injectable()
export class IntentService implements OnApplicationShutdown {
  constructor(@Inject(INTENT_MODEL) private readonly model: LoadedIntentModel) {}

  get spec(): IntentModelSpec {
    return this.model.classifier.spec;
  }

  rankIntents(text: string, top = 3): Promise<IntentScore[]> {
    return this.model.classifier.rankIntents(text, top);
  }

  // Stops the session workers so that the process can exit.
  async onApplicationShutdown(): Promise<void> {
    await this.model.close();
  }
}
