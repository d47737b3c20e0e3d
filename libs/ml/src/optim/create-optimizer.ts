import { AdamOptimizer } from './adam.optimizer.js';
import type { Optimizer, OptimizerConfig } from './optimizer.js';
import { SgdOptimizer } from './sgd.optimizer.js';

export function createOptimizer(config: OptimizerConfig): Optimizer {
  switch (config.kind) {
    case 'sgd':
      return new SgdOptimizer(config);
    case 'adam':
      return new AdamOptimizer(config);
  }
}
