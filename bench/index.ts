// Benchmarks: `npm run -s bench -- <name> --json`. Each prints progress to stderr and returns the
// figures; the bench command prints them as one JSON object on the last line of stdout.
export type Benchmark = (args: string[]) => Promise<Record<string, unknown>>;

export const benchmarks: Record<string, { description: string; run: () => Promise<{ default: Benchmark }> }> =
  {};
