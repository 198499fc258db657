// Reads `--name value` pairs from a script's command line.
export function readArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key?.startsWith("--")) throw new Error(`unexpected argument "${key}": options look like --name value`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`option ${key} needs a value`);
    args.set(key.slice(2), value);
    i++;
  }
  return args;
}
