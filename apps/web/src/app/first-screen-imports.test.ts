import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * What a phone downloads before the first screen: the modules main.tsx, the sign-in page and each role's home
 * reach through STATIC imports (an `import()` or `lazy()` loads later, on demand). None of them may bring antd
 * (script ~200 KB and stylesheet ~45 KB compressed), its date library, echarts or zod's runtime: those load with
 * the pages and parts that draw them (AntdScope, WhenVisible).
 */

const srcDir = resolve(dirname(new URL(import.meta.url).pathname), '..');
const contractsDir = resolve(srcDir, '../../../packages/contracts/src');

const FIRST_SCREENS = [
  'main.tsx',
  'modules/auth/sign-in-page.tsx',
  'modules/dashboard/manager-home.tsx',
  'modules/dashboard/supervisor-home.tsx',
  'modules/users/admin-home.tsx',
  'modules/retailers/shop-home.tsx',
];

const FORBIDDEN = /^(?:antd|@ant-design\/[^/]+|@rc-component\/[^/]+|rc-[^/]+|dayjs|echarts|zrender|zod)(?:\/|$)/;

const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveFile(base: string): string | null {
  for (const extension of EXTENSIONS) {
    const candidate = `${base}${extension}`;
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // a directory: try the next form
      }
    }
  }
  return null;
}

/** A project file the import points at, or the bare package name (not followed: node_modules are not ours). */
function resolveImport(from: string, specifier: string): { file: string } | { pkg: string } | null {
  if (specifier.endsWith('.css')) {
    return specifier.startsWith('.') || specifier.startsWith('@/') ? null : { pkg: specifier };
  }
  if (specifier.startsWith('@/')) {
    const file = resolveFile(join(srcDir, specifier.slice(2)));
    return file ? { file } : null;
  }
  if (specifier.startsWith('.')) {
    const file = resolveFile(resolve(dirname(from), specifier));
    return file ? { file } : null;
  }
  if (specifier === '@siyi/contracts') return { file: join(contractsDir, 'index.ts') };
  if (specifier === '@siyi/contracts/values') return { file: join(contractsDir, 'values.ts') };
  return { pkg: specifier };
}

/**
 * The modules a file imports for their values: top-level `import … from`, `import '…'` and `export … from`, except
 * `import type` / `export type` (erased). `import { type A }` stays (verbatimModuleSyntax keeps the import).
 */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      if (statement.isTypeOnly) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

const display = (file: string) => relative(resolve(srcDir, '..'), file);

/** Every forbidden package the entry reaches, each with the first chain of imports found (breadth first: shortest). */
function forbiddenChains(entry: string): string[] {
  const start = join(srcDir, entry);
  const parent = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  const found = new Map<string, string[]>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const specifier of staticImports(file)) {
      const target = resolveImport(file, specifier);
      if (!target) continue;
      if ('pkg' in target) {
        if (!FORBIDDEN.test(target.pkg) || found.has(target.pkg)) continue;
        const chain = [target.pkg];
        for (let at: string | null = file; at; at = parent.get(at) ?? null) chain.unshift(display(at));
        found.set(target.pkg, chain);
        continue;
      }
      if (parent.has(target.file)) continue;
      parent.set(target.file, file);
      queue.push(target.file);
    }
  }
  return [...found.values()].map((chain) => chain.join(' → '));
}

describe('the first screen (static imports)', () => {
  it.each(FIRST_SCREENS)('from %s reaches no antd, dayjs, echarts or zod', (entry) => {
    expect(existsSync(join(srcDir, entry)), `${entry} exists`).toBe(true);
    const chains = forbiddenChains(entry);
    expect(chains, `imports that reach the first screen:\n${chains.join('\n')}`).toEqual([]);
  });

  it('notices a forbidden import (the check itself works)', () => {
    // The change-password dialog is drawn with antd's form and carries the contracts' rules: it must be caught.
    expect(forbiddenChains('modules/auth/change-password-dialog.tsx').join('\n')).toMatch(
      /change-password-dialog\.tsx → antd/,
    );
  });
});
