import { concernCategories } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { chipOrder } from './concern-chip-icons';

describe('category chips', () => {
  it('show every category of the contract, in its order', () => {
    expect(chipOrder).toEqual([...concernCategories]);
  });
});
