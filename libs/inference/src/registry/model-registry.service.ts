// Loads the model repository (Triton layout) into the worker pool: checks each version's sha256
// against its card, creates its sessions, warms it up (not ready before), and keeps which version
// serves each model. A version that fails any step is reported not ready with the reason and never
// replaces the version serving; promotion and rollback switch the serving version atomically.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import type { EngineLogger } from '../engine/execution-provider.js';
import type { ModelStatus } from '../engine/inference-backend.js';
import type { SessionSignature } from '../engine/session-worker-pool.js';
import { warmUpInputs } from '../engine/tensor-batch.js';
import type { NamedTensors } from '../engine/tensor.js';
import { compareVersions, readModelCard } from '../model-repository/repository-scan.js';
import type { ModelCard } from './model-card.js';
import { sha256Hex } from './model-version-writer.js';
import { InMemoryServingVersionStore, type ServingVersionStore } from './serving-version.store.js';
// Registers the engine's error codes (MODEL_NOT_FOUND, INFERENCE_*) with the platform's statuses.
import '../inference.errors.js';

/** What the registry needs from the worker pool. */
export interface SessionHost {
  loadSession(key: string, model: Uint8Array): Promise<SessionSignature>;
  runSession(key: string, inputs: NamedTensors, transfer?: boolean): Promise<NamedTensors>;
  unloadSession(key: string): Promise<void>;
}

export interface ModelVersionState {
  name: string;
  version: string;
  dir: string;
  card?: ModelCard;
  ready: boolean;
  reason?: string;
  /**
   * The card is there but model.onnx never was (weights imported separately, like the OCR models on
   * a fresh clone): listed as unavailable, and not a model the server must serve to be ready.
   */
  absent?: boolean;
  /** Unloaded on request (Triton's repository unload): not ready, and not waited for either. */
  unloaded?: boolean;
  /** The pool's session for this version; changes when the version is reloaded. */
  sessionKey?: string;
}

export interface ModelRegistryOptions {
  root: string;
  sessions: SessionHost;
  store?: ServingVersionStore;
  /** Models and versions to load; default: every model and version in the repository. */
  models?: Record<string, string[] | 'all'>;
  logger?: EngineLogger;
  /** Called after any change of what is loaded or serving (metrics gauges). */
  onChange?: () => void;
}

const MODEL_FILE_MISSING = 'model file missing';

// Says how to install the weights where the card names an import command (the OCR models' does).
function absentReason(card: ModelCard | undefined): string {
  const command = card?.training?.command;
  return command?.includes('import')
    ? `${MODEL_FILE_MISSING}: install the weights with \`${command}\``
    : MODEL_FILE_MISSING;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

export class ModelRegistry {
  private readonly versions = new Map<string, Map<string, ModelVersionState>>();
  private readonly serving = new Map<string, { serving: string; previous?: string }>();
  private readonly store: ServingVersionStore;
  private readonly logger: EngineLogger;
  private generation = 0;

  constructor(private readonly options: ModelRegistryOptions) {
    this.store = options.store ?? new InMemoryServingVersionStore();
    this.logger = options.logger ?? new Logger('ModelRegistry');
  }

  /** Loads every configured model version found under the root, then picks each serving version. */
  async loadRepository(): Promise<void> {
    const wanted = this.options.models;
    const names = wanted ? Object.keys(wanted) : await this.folders(this.options.root);
    for (const name of names.sort()) {
      const found = await this.folders(join(this.options.root, name)).catch(() => []);
      const configured = wanted?.[name];
      const versions = configured && configured !== 'all' ? configured : found;
      if (versions.length === 0) this.stateOf(name, '-', 'no version in the model repository');
      // One at a time: loading is memory- and CPU-heavy, and the pool is shared.
      for (const version of [...versions].sort(compareVersions)) await this.loadVersion(name, version);
      await this.chooseServing(name);
    }
    this.options.onChange?.();
  }

  /**
   * Loads (or reloads) one version. On any failure the version is not ready with the reason; a
   * version already serving keeps its previous session. Does not change which version serves,
   * except for a model that had none.
   */
  async loadVersion(name: string, version: string): Promise<ModelVersionState> {
    const dir = join(this.options.root, name, version);
    const previous = this.versions.get(name)?.get(version);
    const key = `${name}@${version}#${++this.generation}`;
    let card: ModelCard | undefined;
    let loaded = false;
    try {
      card = await this.step('model card', () => readModelCard(dir, name, version));
      const bytes = await this.step('model file', () => readFile(join(dir, 'model.onnx')));
      const actual = sha256Hex(bytes);
      if (actual !== card.sha256)
        throw new Error(
          `sha256 mismatch: card has ${card.sha256.slice(0, 12)}…, file is ${actual.slice(0, 12)}…`,
        );
      const signature = await this.step('load failed', () => this.options.sessions.loadSession(key, bytes));
      loaded = true;
      await this.step('warm-up failed', () => this.warmUp(key, card!, signature));
    } catch (err) {
      if (loaded) await this.options.sessions.unloadSession(key).catch(() => undefined);
      const absent = err instanceof Error && err.message === MODEL_FILE_MISSING;
      const reason = absent ? absentReason(card) : firstLine(err);
      this.logger.warn(`model ${name} version ${version} not ready: ${reason}`);
      if (previous?.ready) return previous;
      const state = this.stateOf(name, version, reason, card);
      if (absent) state.absent = true;
      this.options.onChange?.();
      return state;
    }
    const state: ModelVersionState = { name, version, dir, card, ready: true, sessionKey: key };
    if (!this.versions.has(name)) this.versions.set(name, new Map());
    this.versions.get(name)!.set(version, state);
    // Runs already sent to the old session finish first: each worker handles messages in order.
    if (previous?.sessionKey) await this.options.sessions.unloadSession(previous.sessionKey);
    if (!this.serving.has(name)) await this.chooseServing(name);
    this.options.onChange?.();
    return state;
  }

  async unloadVersion(name: string, version: string): Promise<void> {
    if (this.serving.get(name)?.serving === version)
      throw new DomainError('CONFLICT', `${name} version ${version} is serving: promote another first`);
    const state = this.versions.get(name)?.get(version);
    if (!state) throw new DomainError('MODEL_NOT_FOUND', `no model ${name} version ${version}`);
    this.versions.get(name)!.delete(version);
    if (state.sessionKey) await this.options.sessions.unloadSession(state.sessionKey);
    this.options.onChange?.();
  }

  /**
   * Triton's repository load: (re)loads every version folder of the model, then picks the serving
   * version again. Refused for a model the repository does not have, or of which no version loads.
   */
  async loadModel(name: string): Promise<ModelVersionState[]> {
    const versions = await this.folders(join(this.options.root, name)).catch(() => undefined);
    if (!versions) throw new DomainError('MODEL_NOT_FOUND', `the model repository has no model ${name}`);
    const states: ModelVersionState[] = [];
    for (const version of versions.sort(compareVersions)) states.push(await this.loadVersion(name, version));
    // As at start: the promoted version if it is ready, else the newest ready one.
    await this.chooseServing(name);
    this.options.onChange?.();
    const ready = states.filter((s) => s.ready);
    if (ready.length === 0)
      throw new DomainError(
        'INVALID_INPUT',
        `model ${name} did not load: ${states[0]?.reason ?? 'no version'}`,
      );
    return states;
  }

  /** Triton's repository unload: every version stops serving and its sessions are freed. */
  async unloadModel(name: string): Promise<string[]> {
    const versions = this.versions.get(name);
    if (!versions) throw new DomainError('MODEL_NOT_FOUND', `no model ${name}`);
    this.serving.delete(name);
    for (const state of versions.values()) {
      const key = state.sessionKey;
      Object.assign(state, { ready: false, reason: 'unloaded', unloaded: true, sessionKey: undefined });
      if (key) await this.options.sessions.unloadSession(key);
    }
    this.logger.log(`model ${name}: unloaded`);
    this.options.onChange?.();
    return [...versions.keys()];
  }

  /** Makes `version` the serving one; persisted first, so a failed write changes nothing. */
  async promote(name: string, version: string): Promise<void> {
    const target = this.readyVersion(name, version);
    const current = this.serving.get(name)?.serving;
    if (current === target.version) return;
    const record = { serving: target.version, ...(current ? { previous: current } : {}) };
    await this.store.writeServing(name, record);
    this.serving.set(name, record);
    this.logger.log(`model ${name}: version ${target.version} serving (was ${current ?? 'none'})`);
    this.options.onChange?.();
  }

  /** Serves the version that served before the last promotion; returns it. */
  async rollback(name: string): Promise<string> {
    const record = this.serving.get(name);
    if (!record?.previous)
      throw new DomainError('CONFLICT', `model ${name} has no previous version to roll back to`);
    await this.promote(name, record.previous);
    return record.previous;
  }

  has(name: string): boolean {
    return this.versions.has(name);
  }

  servingVersion(name: string): string | undefined {
    return this.serving.get(name)?.serving;
  }

  /** The ready version that answers a request: the one asked for, else the serving one. */
  resolve(name: string, version?: string): ModelVersionState & { card: ModelCard; sessionKey: string } {
    const wanted = version ?? this.serving.get(name)?.serving;
    if (wanted === undefined) {
      if (!this.versions.has(name)) throw new DomainError('MODEL_NOT_FOUND', `no model ${name}`);
      throw new DomainError('MODEL_NOT_READY', `model ${name} is not ready: ${this.statusOf(name).reason}`);
    }
    return this.readyVersion(name, wanted);
  }

  status(name: string, version?: string): ModelStatus {
    if (!this.versions.has(name)) throw new DomainError('MODEL_NOT_FOUND', `no model ${name}`);
    if (version === undefined) return this.statusOf(name);
    const state = this.versions.get(name)!.get(version);
    if (!state) throw new DomainError('MODEL_NOT_FOUND', `no model ${name} version ${version}`);
    return toStatus(state);
  }

  /** Every version known, ready or not (Triton's repository index). */
  list(): ModelStatus[] {
    return [...this.versions.keys()]
      .sort()
      .flatMap((name) =>
        [...this.versions.get(name)!.values()]
          .sort((a, b) => compareVersions(a.version, b.version))
          .map(toStatus),
      );
  }

  /**
   * `models` counts the models the server must serve to be ready: those with at least one version
   * whose weights are installed (a model of absent weights only is listed, but not waited for).
   */
  counts(): { loaded: number; serving: number; models: number } {
    let loaded = 0;
    let models = 0;
    for (const versions of this.versions.values()) {
      let installed = false;
      for (const v of versions.values()) {
        if (v.ready) loaded++;
        if (!v.absent && !v.unloaded) installed = true;
      }
      if (installed) models++;
    }
    return { loaded, serving: this.serving.size, models };
  }

  private statusOf(name: string): ModelStatus {
    const versions = this.versions.get(name)!;
    const serving = this.serving.get(name)?.serving;
    if (serving !== undefined) return toStatus(versions.get(serving)!);
    // Nothing serves: report the newest version, with why it is not ready.
    const newest = [...versions.values()].sort((a, b) => compareVersions(b.version, a.version))[0];
    return toStatus(newest);
  }

  private readyVersion(
    name: string,
    version: string,
  ): ModelVersionState & { card: ModelCard; sessionKey: string } {
    const state = this.versions.get(name)?.get(version);
    if (!state) throw new DomainError('MODEL_NOT_FOUND', `no model ${name} version ${version}`);
    if (!state.ready || !state.card || !state.sessionKey)
      throw new DomainError(
        'MODEL_NOT_READY',
        `model ${name} version ${version} is not ready: ${state.reason}`,
      );
    return state as ModelVersionState & { card: ModelCard; sessionKey: string };
  }

  private async chooseServing(name: string): Promise<void> {
    const versions = this.versions.get(name);
    if (!versions) return;
    let stored: { serving: string; previous?: string } | undefined;
    try {
      stored = await this.store.readServing(name);
    } catch (err) {
      this.logger.warn(`could not read the promoted version of ${name}: ${firstLine(err)}`);
    }
    if (stored && versions.get(stored.serving)?.ready) {
      this.serving.set(name, stored);
      return;
    }
    const newest = [...versions.values()]
      .filter((v) => v.ready)
      .sort((a, b) => compareVersions(b.version, a.version))[0];
    if (stored)
      this.logger.warn(
        `model ${name}: promoted version ${stored.serving} is not ready; serving ${newest?.version ?? 'nothing'}`,
      );
    if (newest) this.serving.set(name, { serving: newest.version });
  }

  private async warmUp(key: string, card: ModelCard, signature: SessionSignature): Promise<void> {
    const missing = card.inputs.map((i) => i.name).filter((n) => !signature.inputNames.includes(n));
    if (missing.length > 0)
      throw new Error(`the graph has no input(s) ${missing.join(', ')} named in the card`);
    const rows = [1, Math.min(card.batching?.maxBatchSize ?? 1, 256)].filter(
      (r, i, all) => all.indexOf(r) === i,
    );
    for (const r of rows) {
      const outputs = await this.options.sessions.runSession(key, warmUpInputs(card.inputs, r), true);
      const absent = card.outputs.map((o) => o.name).filter((n) => !(n in outputs));
      if (absent.length > 0)
        throw new Error(`the graph has no output(s) ${absent.join(', ')} named in the card`);
    }
  }

  private async step<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (what === 'model file' && code === 'ENOENT') throw new Error(MODEL_FILE_MISSING, { cause: err });
      throw new Error(`${what}: ${firstLine(err)}`, { cause: err });
    }
  }

  private stateOf(name: string, version: string, reason: string, card?: ModelCard): ModelVersionState {
    if (!this.versions.has(name)) this.versions.set(name, new Map());
    const state: ModelVersionState = {
      name,
      version,
      dir: join(this.options.root, name, version),
      card,
      ready: false,
      reason,
    };
    this.versions.get(name)!.set(version, state);
    return state;
  }

  private async folders(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    // Dot-folders are versions being written (writeModelVersion, the quantizer).
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  }
}

function toStatus(state: ModelVersionState): ModelStatus {
  return {
    name: state.name,
    version: state.version,
    ready: state.ready,
    ...(state.ready ? {} : { reason: state.reason ?? 'not loaded' }),
    platform: 'onnxruntime_onnx',
    inputs: state.card?.inputs ?? [],
    outputs: state.card?.outputs ?? [],
  };
}
