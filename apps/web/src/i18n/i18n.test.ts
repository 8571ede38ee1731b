import { describe, expect, it } from 'vitest';
import { keyPaths, messageAt, placeholders } from './key-paths';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

describe('i18n resources', () => {
  const zhKeys = keyPaths(zhCN);
  const enKeys = keyPaths(en);

  it('have identical key trees in zh-CN and en', () => {
    expect(enKeys).toEqual(zhKeys);
    expect(zhKeys.length).toBeGreaterThan(100);
  });

  it('have no empty messages', () => {
    for (const key of zhKeys) {
      expect(messageAt(zhCN, key), `zh-CN ${key}`).not.toBe('');
      expect(messageAt(en, key), `en ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of zhKeys) {
      const zh = placeholders(String(messageAt(zhCN, key)));
      const english = placeholders(String(messageAt(en, key)));
      expect(english, key).toEqual(zh);
    }
  });

  it('punctuate Chinese full-width (，：) and English half-width', () => {
    for (const key of zhKeys) {
      expect(String(messageAt(zhCN, key)), `zh-CN ${key}`).not.toMatch(/[\u4e00-\u9fff][,:;]|[,:;][\u4e00-\u9fff]/);
      expect(String(messageAt(en, key)), `en ${key}`).not.toMatch(/[，：；（）。、]/);
    }
  });

  it('reports a missing or extra key', () => {
    expect(keyPaths({ a: { b: 'x', c: 'y' } })).toEqual(['a.b', 'a.c']);
    expect(keyPaths({ a: { b: 'x' } })).not.toEqual(keyPaths({ a: { b: 'x', c: 'y' } }));
    expect(keyPaths({ a: 1 })).toEqual(['a (not a string)']);
  });
});
