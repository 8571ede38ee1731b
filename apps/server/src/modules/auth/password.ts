import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@siyi/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** ASVS 5.0 Appendix C: argon2id with m = 19 MiB, t = 2, p = 1. The parameters live in the encoded hash. */
// `algorithm: 2` is Algorithm.Argon2id (an ambient const enum, which isolated modules cannot read).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** At most one hash per core at a time, so a flood of sign-ins queues instead of exhausting memory and threads. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
const hashing = new Semaphore(Math.max(1, availableParallelism()));

export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => hash(password, ARGON2_OPTIONS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return hashing.run(() => verify(passwordHash, password).catch(() => false));
}

let dummyHash: Promise<string> | undefined;
/** Verifying against a throw-away hash makes an unknown user cost as much time as a known one. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('siyi-timing-equaliser-not-a-password');
  await verifyPassword(await dummyHash, password);
}

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary },
  graphs: common.adjacencyGraphs,
});

/** Words of the product and its place that no password may contain, whatever the estimate says. */
const productWords = ['siyi', '四意', 'tobacco', '烟草', 'xuchang', '许昌', '密码'];
const ORG_SUFFIX = /(片区|公司|市|区|县)$/u;

/** A field message key with the values it names (see plugins/i18n). */
export interface PolicyViolation {
  key: string;
  params?: Record<string, string>;
}

export interface PasswordContext {
  username: string;
  displayName?: string;
  orgUnitName?: string;
}

function contextWords(context: PasswordContext): string[] {
  const org = context.orgUnitName ?? '';
  const words = [context.username, context.displayName ?? '', org, org.replace(ORG_SUFFIX, ''), ...productWords];
  // Short Latin words (and single Chinese characters) would refuse half of all passwords.
  return [...new Set(words.map((w) => w.trim().toLowerCase()))].filter(
    (w) => w.length >= 4 || (/[^ -~]/.test(w) && [...w].length >= 2),
  );
}

const blameKeys: Record<string, string> = {
  dictionary: 'password.weakCommon',
  repeat: 'password.weakRepeat',
  sequence: 'password.weakSequence',
  spatial: 'password.weakKeyboard',
  date: 'password.weakDate',
  regex: 'password.weakDate',
};

/**
 * Returns the first rule the password breaks, naming what made it weak, or null. ASVS 6.2: length and a
 * strength estimate (zxcvbn-ts, score 3 of 4 required), no composition rules.
 */
export function passwordPolicyViolation(password: string, context: PasswordContext): PolicyViolation | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return { key: 'password.tooShort' };
  const lower = password.toLowerCase();
  const words = contextWords(context);
  const found = words.find((w) => lower.includes(w));
  if (found) return { key: 'password.containsWord', params: { word: found } };
  const result = zxcvbn.check(password, words);
  if (result.score >= 3) return null;
  // Blame the pattern that covers most of the password.
  const culprit = result.sequence
    .filter((m) => m.pattern in blameKeys)
    .sort((a, b) => [...b.token].length - [...a.token].length)[0];
  if (!culprit) return { key: 'password.weak' };
  const token =
    culprit.pattern === 'repeat' && typeof culprit.baseToken === 'string' ? culprit.baseToken : culprit.token;
  return { key: blameKeys[culprit.pattern] ?? 'password.weak', params: { token } };
}
