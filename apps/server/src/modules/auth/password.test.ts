import { describe, expect, it } from 'vitest';
import { fieldMessage } from '../../plugins/i18n';
import { type PasswordContext, passwordPolicyViolation } from './password';

const staff = { username: 'mgr7', displayName: '张伟', orgUnitName: '魏都片区' };

function message(password: string, context: PasswordContext = staff, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const violation = passwordPolicyViolation(password, context);
  return violation ? fieldMessage(violation.key, locale, violation.params) : null;
}

describe('password policy (length and a zxcvbn-ts strength estimate)', () => {
  it('refuses guessable passwords and names what made each weak', () => {
    expect(message('abcabcabcabc')).toBe('密码只是“abc”的重复，容易被猜到，请换一个。');
    expect(message('111111111112')).toContain('“1”的重复');
    expect(message('P@ssw0rd2024')).toBe('密码含有常见的“P@ssw0rd”，容易被猜到，请换一个。');
    expect(message('admin12345678')).toContain('“12345678”');
    expect(message('P@ssw0rd2024', staff, 'en')).toBe(
      'The password contains "P@ssw0rd", which is common and easy to guess; choose another.',
    );
  });

  it('names the word of the product, the place or the user that the password contains', () => {
    expect(message('春天的许昌很美丽2026')).toBe('密码不能包含“许昌”（来自用户名、许可证号、姓名、片区或产品名称）。');
    expect(message('admin12345678', { username: 'admin' })).toContain('“admin”');
    expect(message('my-411002100009-shop', { username: '411002100009' })).toContain('“411002100009”');
    expect(message('老张伟的小店开张大吉祥如意', staff)).toContain('“张伟”');
    expect(message('魏都的春天来得很早很早啊', staff)).toContain('“魏都”');
    expect(message('we love siyi very much', staff, 'en')).toContain('"siyi"');
  });

  it('accepts a long passphrase and refuses one too short or too long', () => {
    expect(passwordPolicyViolation('a-much-better-passphrase', staff)).toBeNull();
    expect(passwordPolicyViolation('湖边的柳树发了新芽2026', staff)).toBeNull();
    expect(passwordPolicyViolation('short', staff)).toEqual({ key: 'password.tooShort' });
    expect(passwordPolicyViolation('x'.repeat(129), staff)).toEqual({ key: 'password.tooShort' });
  });
});
