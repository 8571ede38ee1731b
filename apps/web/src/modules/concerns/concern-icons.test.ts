import { concernCategories } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { categoryOrder } from './concern-icons';

describe('category chips', () => {
  it('show every category of the contract, in its order', () => {
    expect(categoryOrder).toEqual([...concernCategories]);
  });
});
