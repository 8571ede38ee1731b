/**
 * The `Idempotency-Key` of an order submit. One key per intended submit: it is kept until the server answers with
 * a 2xx or 4xx (then the submit is settled either way), and reused when the request is sent again after a network
 * error or a 5xx, so a submit whose answer was lost is not submitted twice. Changing what is submitted asks for a
 * new key (the server refuses the same key with another body).
 */
export class IdempotencyKeeper {
  private key: string | null = null;
  private body: string | null = null;

  constructor(private readonly newKey: () => string = randomKey) {}

  /** The key to send with this body: the kept one when the body is the same, else a fresh one. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body ?? null);
    if (this.key === null || this.body !== text) {
      this.key = this.newKey();
      this.body = text;
    }
    return this.key;
  }

  /** The answer's HTTP status (0: no answer, a network error): 2xx and 4xx settle the submit and drop the key. */
  settle(status: number): void {
    if ((status >= 200 && status < 300) || (status >= 400 && status < 500)) {
      this.key = null;
      this.body = null;
    }
  }

  /** The key kept for a retry, if any. */
  get pending(): string | null {
    return this.key;
  }
}

/** A random UUID (v4); crypto.randomUUID where the browser has it (it needs a secure context). */
export function randomKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
