import { describe, expect, it } from 'vitest';
import { pageWindow } from './page-window';

describe('the page numbers the pagination shows', () => {
  it('shows every page when there are few', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps the first, the last and the current page with its neighbours, gaps as null', () => {
    expect(pageWindow(1, 20)).toEqual([1, 2, null, 20]);
    expect(pageWindow(10, 20)).toEqual([1, null, 9, 10, 11, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 19, 20]);
  });

  it('shows a single hidden page instead of a gap', () => {
    expect(pageWindow(4, 20)).toEqual([1, 2, 3, 4, 5, null, 20]);
    expect(pageWindow(17, 20)).toEqual([1, null, 16, 17, 18, 19, 20]);
  });

  it('on a phone (no neighbours) stays short', () => {
    expect(pageWindow(10, 20, 0)).toEqual([1, null, 10, null, 20]);
    expect(pageWindow(2, 3, 0)).toEqual([1, 2, 3]);
  });
});
