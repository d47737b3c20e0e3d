// medical-records' served path of its models (libs/inference through the service's loaders), for the
// specs of @suite/medical-models/training that score what they train as served: the package does not
// import the service, its specs reach it through this harness as the CLI does through index.ts.
import { loadNerModel, readNerModelCard } from '../../apps/medical-records/src/index.js';

export { deidTrainingPipeline } from '../../apps/medical-records/src/index.js';

export const servedNerModels = { load: loadNerModel, readCard: readNerModelCard };
