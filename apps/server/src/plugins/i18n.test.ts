import { errorCodes } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { errorMessage, validationMessage } from './i18n';

/** Chinese text takes full-width punctuation (，：); English text takes half-width. */
const HALF_WIDTH_IN_CHINESE = /[\u4e00-\u9fff][,:;]|[,:;][\u4e00-\u9fff]/;
const FULL_WIDTH = /[，：；（）]/;

describe('server messages', () => {
  it('use full-width commas and colons in Chinese and half-width ones in English', () => {
    for (const code of errorCodes) {
      expect(errorMessage(code, 'zh-CN'), code).not.toMatch(HALF_WIDTH_IN_CHINESE);
      expect(errorMessage(code, 'en'), code).not.toMatch(FULL_WIDTH);
    }
    const issues = [
      { code: 'invalid_type', message: 'x', expected: 'number' },
      { code: 'invalid_value', message: 'x', values: ['a', 'b'] },
      { code: 'unrecognized_keys', message: 'x', keys: ['a'] },
    ];
    for (const issue of issues) {
      expect(validationMessage(issue, 'zh-CN'), issue.code).not.toMatch(HALF_WIDTH_IN_CHINESE);
      expect(validationMessage(issue, 'en'), issue.code).not.toMatch(FULL_WIDTH);
    }
  });
});
