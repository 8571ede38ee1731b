import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n, initI18n } from './i18n';
import { zhCN } from './locales/zh-CN';
import { zhCNCore } from './locales/zh-CN-core';

/*
 * The Chinese catalogue ships in parts: the core with the app, each module's words with its code (zh-CN-core.ts).
 * A file that reads a module's words must load them itself — or, opened first, it would show keys instead of words.
 */

const srcDir = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Each module branch and the file that takes it into the catalogue. */
const BRANCHES: Record<string, string> = {
  concerns: 'modules/concerns/concerns.messages',
  suggestions: 'modules/suggestions/suggestions.messages',
  notifications: 'modules/notifications/notifications.messages',
  visits: 'modules/visits/visits.messages',
  visitOversight: 'modules/visit-oversight/visit-oversight.messages',
  orderingOversight: 'modules/ordering-oversight/ordering-oversight.messages',
  ordering: 'modules/ordering/ordering.messages',
  campaigns: 'modules/campaigns/campaigns.messages',
};

/** Each part's file, loaded as a page's code loads it (Vite needs the paths written out). */
const LOADERS = [
  () => import('@/modules/concerns/concerns.messages'),
  () => import('@/modules/suggestions/suggestions.messages'),
  () => import('@/modules/notifications/notifications.messages'),
  () => import('@/modules/visits/visits.messages'),
  () => import('@/modules/visit-oversight/visit-oversight.messages'),
  () => import('@/modules/ordering-oversight/ordering-oversight.messages'),
  () => import('@/modules/ordering/ordering.messages'),
  () => import('@/modules/campaigns/campaigns.messages'),
];

/** A key of a module branch written in the code (its menu words, `X.nav.*`, are in the core). */
const MODULE_KEY = new RegExp(
  `(?<![A-Za-z0-9_$.])['"\`](${Object.keys(BRANCHES).join('|')})\\.(?!nav\\.)[A-Za-z]`,
  'g',
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.|\.d\.ts$|\.zh-CN\.ts$|\.en\.ts$|\.messages\.ts$/.test(entry.name))
      return [];
    return [path];
  });
}

describe('the Chinese catalogue in parts', () => {
  it('is loaded by every file that reads a module’s words', () => {
    const missing: string[] = [];
    let readers = 0;
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      const branches = new Set([...text.matchAll(MODULE_KEY)].map((match) => match[1] as string));
      if (branches.size > 0) readers++;
      for (const branch of branches) {
        if (!text.includes(`import '@/${BRANCHES[branch]}';`)) missing.push(`${relative(srcDir, file)}: ${branch}`);
      }
    }
    expect(missing).toEqual([]);
    expect(readers).toBeGreaterThan(40);
  });

  it('is whole once the core and every module’s part are in: the tree zh-CN.ts assembles', async () => {
    await initI18n('zh-CN');
    expect(i18n.getResourceBundle('zh-CN', 'translation')).not.toHaveProperty('concerns.categories');
    for (const load of LOADERS) await load();
    expect(i18n.getResourceBundle('zh-CN', 'translation')).toEqual(zhCN);
    expect(i18n.t('concerns.categories.supply')).toBe('货源');
    // The core alone keeps each module's menu words.
    expect(zhCNCore.concerns.nav).toEqual(zhCN.concerns.nav);
  });
});
