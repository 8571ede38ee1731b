import { describe, expect, it } from 'vitest';
import { suggestionAsShown } from './orders.service';

describe('the suggestion a retailer takes', () => {
  it('is the stored one capped by the week limit, as the order page and the cards show it', () => {
    expect(suggestionAsShown(5, 2)).toBe(2);
    expect(suggestionAsShown(1, 2)).toBe(1);
    expect(suggestionAsShown(5, null)).toBe(5);
    expect(suggestionAsShown(5, undefined)).toBe(5);
    expect(suggestionAsShown(undefined, 2)).toBeUndefined();
  });
});
