// What every bench module exports as default. Its own file, so that the benches don't import
// bench/index.ts, which imports them (the cycle issue 19 names).
export type Benchmark = (args: string[]) => Promise<Record<string, unknown>>;
