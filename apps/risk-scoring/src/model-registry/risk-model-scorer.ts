// Scores applicants with one risk model version through libs/inference: encodes them, runs the graph
// on the engine (the service's, or a private one that loads only this model, as `eval risk` needs with
// no database), and sums each position's contribution into its reason group.
import {
  type InferenceBackend,
  LocalInferenceEngine,
  type NamedTensors,
  newestModelVersion,
} from '@suite/inference';
import {
  type AccountFacts,
  type ApplicantNarrative,
  type ApplicantRecord,
  readRiskModelCard,
  REASON_GROUPS,
  type ReasonGroup,
  RISK_MODEL_NAME,
  RiskFeatureEncoder,
  type RiskModelCard,
  SCORECARD_INPUTS,
  SCORECARD_OUTPUTS,
} from '@suite/risk-models';

export interface ScoredApplicant {
  probability: number;
  /** Log-odds points per reason group. */
  groupContributions: Record<ReasonGroup, number>;
  narrative: ApplicantNarrative;
  facts: AccountFacts;
}

const DEFAULT_CHUNK = 256;

export class RiskModelScorer {
  readonly encoder: RiskFeatureEncoder;

  constructor(
    readonly card: RiskModelCard,
    private readonly backend: InferenceBackend,
  ) {
    this.encoder = new RiskFeatureEncoder(card.extra.featureSpec);
    if (this.encoder.width !== card.extra.width)
      throw new Error(
        `${card.name}/${card.version}: feature width ${this.encoder.width} is not the card's ${card.extra.width}`,
      );
  }

  get version(): string {
    return this.card.version;
  }

  async scoreApplicants(records: readonly ApplicantRecord[]): Promise<ScoredApplicant[]> {
    const chunk = Math.max(1, Math.min(this.card.batching?.maxBatchSize ?? DEFAULT_CHUNK, DEFAULT_CHUNK));
    const out: ScoredApplicant[] = [];
    for (let start = 0; start < records.length; start += chunk)
      out.push(...(await this.scoreChunk(records.slice(start, start + chunk))));
    return out;
  }

  private async scoreChunk(records: readonly ApplicantRecord[]): Promise<ScoredApplicant[]> {
    const width = this.encoder.width;
    const encoded = records.map((r) => this.encoder.encode(r));
    const indices = new BigInt64Array(records.length * width);
    const values = new Float32Array(records.length * width);
    encoded.forEach((e, r) => {
      for (let k = 0; k < width; k++) indices[r * width + k] = BigInt(e.indices[k]);
      values.set(e.values, r * width);
    });
    const inputs: NamedTensors = {
      [SCORECARD_INPUTS.indices]: { dtype: 'int64', dims: [records.length, width], data: indices },
      [SCORECARD_INPUTS.values]: { dtype: 'float32', dims: [records.length, width], data: values },
    };
    const result = await this.backend.infer(this.card.name, inputs, { version: this.card.version });
    const probability = result.outputs[SCORECARD_OUTPUTS.probability].data as Float32Array;
    const contributions = result.outputs[SCORECARD_OUTPUTS.contributions].data as Float32Array;
    return encoded.map((e, r) => {
      const groupContributions = Object.fromEntries(REASON_GROUPS.map((g) => [g, 0])) as Record<
        ReasonGroup,
        number
      >;
      for (let k = 0; k < width; k++) groupContributions[e.groups[k]] += contributions[r * width + k];
      return {
        probability: probability[r],
        groupContributions,
        narrative: e.narrative,
        facts: e.facts,
      };
    });
  }
}

/** The newest version folder of the risk model (numeric versions compare as numbers). */
export async function newestRiskModelVersion(modelsDir: string, name = RISK_MODEL_NAME): Promise<string> {
  return newestModelVersion(modelsDir, name);
}

export interface OpenedRiskModel {
  scorer: RiskModelScorer;
  close(): Promise<void>;
}

/** Opens a version with an engine of its own (no database): the CLI's and the benchmark's path. */
export async function openRiskModel(params: {
  modelsDir: string;
  version?: string;
  logger?: { log(message: string): void; warn(message: string): void };
}): Promise<OpenedRiskModel> {
  const version = params.version ?? (await newestRiskModelVersion(params.modelsDir));
  const card = await readRiskModelCard(params.modelsDir, RISK_MODEL_NAME, version);
  const engine = await LocalInferenceEngine.create({
    modelsDir: params.modelsDir,
    models: { [RISK_MODEL_NAME]: [version] },
    logger: params.logger,
  });
  const status = await engine.modelStatus(RISK_MODEL_NAME, version);
  if (!status.ready) {
    await engine.close();
    throw new Error(`${RISK_MODEL_NAME}/${version} is not ready: ${status.reason ?? 'unknown'}`);
  }
  return { scorer: new RiskModelScorer(card, engine), close: () => engine.close() };
}
