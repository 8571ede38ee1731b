/** Every leaf key of a resource tree as a dotted path, sorted; non-string leaves are reported with a marker. */
export function keyPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix];
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return [`${prefix} (not a string)`];
  const out: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    out.push(...keyPaths(value, prefix ? `${prefix}.${key}` : key));
  }
  return out.sort();
}

/** The `{{name}}` placeholders a message uses, sorted and de-duplicated. */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** Looks up a dotted path in a resource tree. */
export function messageAt(tree: unknown, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
