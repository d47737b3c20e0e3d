// Word lists a feature configuration can name (`features.gazetteer`), registered by the module that
// owns the list (de-identification registers its English name lists). A model card names its
// gazetteer; the featurizer looks it up when built, so training and serving read the same list.
export interface TokenGazetteer {
  /** Bit flags of a lower-cased word (0 when it is in no list). */
  flagsOf(word: string): number;
}

const registry = new Map<string, () => TokenGazetteer>();

export function registerTokenGazetteer(name: string, load: () => TokenGazetteer): void {
  registry.set(name, load);
}

export function tokenGazetteer(name: string): TokenGazetteer {
  const load = registry.get(name);
  if (!load) throw new Error(`no token gazetteer named ${name} is registered`);
  return load();
}
