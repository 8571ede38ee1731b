import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@siyi/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';

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

const commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
const contextWords = ['siyi', '四意', 'tobacco', '烟草', 'password', '密码', 'xuchang', '许昌'];

/** Returns the message key of the first rule the password breaks, or null. ASVS 6.2: length, no composition rules. */
export function passwordPolicyViolation(password: string, context: { username: string }): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return 'password.tooShort';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return 'password.tooCommon';
  const words = [...contextWords, context.username.toLowerCase()].filter((w) => w.length >= 4 || /[^ -~]/.test(w));
  if (words.some((w) => lower.includes(w))) return 'password.containsContext';
  // A run of one repeated character or a keyboard walk padded to length is as weak as a common password.
  if (/^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|qwertyuiop|abcdefghij)/i.test(password)) {
    return 'password.tooCommon';
  }
  return null;
}
