import { describe, expect, it } from 'vitest';
import { fitWithin, photoFileName } from './image-resize';

describe('photo size before upload', () => {
  it('brings the long side down to 1600 px and keeps the proportions', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4000, 1800)).toEqual({ width: 1600, height: 720 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
  });

  it('keeps a very thin picture at least a pixel wide', () => {
    expect(fitWithin(20_000, 3)).toEqual({ width: 1600, height: 1 });
  });

  it('has no size for an image without one', () => {
    expect(fitWithin(0, 100)).toEqual({ width: 0, height: 0 });
    expect(fitWithin(Number.NaN, 100)).toEqual({ width: 0, height: 0 });
  });

  it('takes another limit', () => {
    expect(fitWithin(1000, 500, 400)).toEqual({ width: 400, height: 200 });
  });
});

describe('photo file name', () => {
  it('says the visit and the moment, never the original name', () => {
    expect(photoFileName(12, new Date('2026-12-01T03:04:05.678Z'))).toBe('visit-12-20261201T030405Z.jpg');
  });
});
