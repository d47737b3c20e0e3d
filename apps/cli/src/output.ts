// CLI output contract (ARCHITECTURE.md): progress goes to stderr, the machine-readable result is one
// JSON object on the last line of stdout.
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function printResult(result: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}
