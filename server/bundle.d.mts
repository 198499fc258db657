export function bundleForNode(entry: string, root?: string): string;
export function runBundled(entry: string): void;
