import { describe, expect, it } from 'vitest';
import { IdempotencyKeeper, randomKey } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('the Idempotency-Key of a submit', () => {
  const body = [{ productId: 1, quantity: 2 }];

  it('keeps the key after a network error or a 5xx and reuses it for the same submit', () => {
    const keeper = new IdempotencyKeeper(counter());
    expect(keeper.keyFor(body)).toBe('key-1');
    keeper.settle(0);
    expect(keeper.keyFor(body)).toBe('key-1');
    keeper.settle(503);
    expect(keeper.keyFor(body)).toBe('key-1');
    expect(keeper.pending).toBe('key-1');
  });

  it('drops the key once a 2xx or 4xx arrives: the next submit gets a new one', () => {
    const keeper = new IdempotencyKeeper(counter());
    keeper.keyFor(body);
    keeper.settle(200);
    expect(keeper.pending).toBeNull();
    expect(keeper.keyFor(body)).toBe('key-2');
    keeper.settle(409);
    expect(keeper.keyFor(body)).toBe('key-3');
  });

  it('asks for a new key when what is submitted changed (the server refuses a key with another body)', () => {
    const keeper = new IdempotencyKeeper(counter());
    keeper.keyFor(body);
    keeper.settle(0);
    expect(keeper.keyFor([{ productId: 1, quantity: 3 }])).toBe('key-2');
  });

  it('makes keys the server takes (8–100 visible ASCII) and different each time', () => {
    const a = randomKey();
    const b = randomKey();
    expect(a).toMatch(/^[\x21-\x7E]{8,100}$/);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
