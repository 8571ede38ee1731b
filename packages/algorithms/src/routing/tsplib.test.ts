import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTsplib, type TsplibInstance, tsplibDistance, tsplibMatrix } from './tsplib';

const DATA = new URL('../../../../../shared/data/tsplib/', import.meta.url);

function instance(type: string, coords: [number, number][]): TsplibInstance {
  const body = coords.map(([x, y], i) => `${i + 1} ${x} ${y}`).join('\n');
  return parseTsplib(
    `NAME: t\nTYPE: TSP\nDIMENSION: ${coords.length}\nEDGE_WEIGHT_TYPE: ${type}\nNODE_COORD_SECTION\n${body}\nEOF\n`,
  );
}

function readTour(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'TOUR_SECTION');
  const tour: number[] = [];
  for (const line of lines.slice(start + 1)) {
    for (const token of line.trim().split(/\s+/)) {
      const v = Number(token);
      if (token === '' || token === 'EOF') continue;
      if (v === -1) return tour;
      tour.push(v);
    }
  }
  return tour;
}

describe('parseTsplib', () => {
  it('reads the header and the coordinates, node i + 1 at index i, in any line order', () => {
    const inst = parseTsplib(
      'NAME : tiny\nCOMMENT: three\nTYPE : TSP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n' +
        ' 2 3.5 4\n 1 0 0\n 3 -1 2e1\nEOF\n',
    );
    expect(inst.name).toBe('tiny');
    expect(inst.dimension).toBe(3);
    expect(inst.edgeWeightType).toBe('EUC_2D');
    expect(Array.from(inst.x)).toEqual([0, 3.5, -1]);
    expect(Array.from(inst.y)).toEqual([0, 4, 20]);
  });

  it('refuses what it cannot read rather than guessing', () => {
    const head = 'NAME: x\nTYPE: TSP\nDIMENSION: 2\n';
    expect(() => parseTsplib(`${head}EDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_SECTION\n0 1\n`)).toThrow(/not supported/);
    expect(() => parseTsplib(`${head}EDGE_WEIGHT_TYPE: MAN_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n`)).toThrow(/MAN_2D/);
    expect(() => parseTsplib('NAME: x\nTYPE: ATSP\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: EUC_2D\n')).toThrow(/ATSP/);
    expect(() => parseTsplib('TYPE: TSP\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n')).toThrow(/DIMENSION/);
    expect(() => parseTsplib(`${head}EDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\nEOF\n`)).toThrow(
      /1 coordinates/,
    );
    expect(() => parseTsplib(`${head}EDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n1 2 2\n`)).toThrow(/twice/);
    expect(() => parseTsplib(`${head}EDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n3 2 2\n`)).toThrow(/bad/);
    expect(() => parseTsplib(`${head}EDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 x 2\n`)).toThrow(/bad/);
  });
});

describe('TSPLIB distances', () => {
  it('EUC_2D rounds to the nearest integer, halves up', () => {
    const inst = instance('EUC_2D', [
      [0, 0],
      [3, 4],
      [1, 1],
      [0.5, 0],
    ]);
    expect(tsplibDistance(inst, 0, 1)).toBe(5);
    expect(tsplibDistance(inst, 0, 2)).toBe(1); // √2 = 1.414…
    expect(tsplibDistance(inst, 0, 3)).toBe(1); // 0.5 → 1
  });

  it('CEIL_2D rounds up', () => {
    const inst = instance('CEIL_2D', [
      [0, 0],
      [1, 1],
      [3, 4],
    ]);
    expect(tsplibDistance(inst, 0, 1)).toBe(2);
    expect(tsplibDistance(inst, 0, 2)).toBe(5);
  });

  it('ATT is the pseudo-Euclidean distance, rounded up when nint falls short', () => {
    const inst = instance('ATT', [
      [0, 0],
      [10, 0],
      [30, 40],
    ]);
    // √(100/10) = 3.162…: nint gives 3 < 3.162, so 4.
    expect(tsplibDistance(inst, 0, 1)).toBe(4);
    // √(2500/10) = 15.81…: nint gives 16 ≥ 15.81, so 16.
    expect(tsplibDistance(inst, 0, 2)).toBe(16);
  });

  it('GEO reads DDD.MM as degrees and minutes, with TSPLIB’s π and radius', () => {
    // 0°30' apart along the equator: 0.5° × π/180 × 6378.388 = 55.66 → trunc(55.66 + 1) = 56.
    const inst = instance('GEO', [
      [0, 0],
      [0, 0.3],
    ]);
    expect(tsplibDistance(inst, 0, 1)).toBe(56);
    expect(tsplibDistance(inst, 1, 1)).toBe(0);
  });

  it('the matrix is symmetric with a zero diagonal', () => {
    const inst = instance('EUC_2D', [
      [0, 0],
      [3, 4],
      [6, 8],
    ]);
    expect(Array.from(tsplibMatrix(inst))).toEqual([0, 5, 10, 5, 0, 5, 10, 5, 0]);
  });

  it('the published optimal tours have exactly the published optimal lengths (EUC_2D, ATT, GEO)', () => {
    const optima = readFileSync(new URL('optima.csv', DATA), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(optima.length).toBeGreaterThanOrEqual(7);
    for (const [name, dimension, type, optimal] of optima) {
      const inst = parseTsplib(readFileSync(new URL(`${name}.tsp`, DATA), 'utf8'));
      expect(inst.dimension).toBe(Number(dimension));
      expect(inst.edgeWeightType).toBe(type);
      const tour = readTour(readFileSync(new URL(`${name}.opt.tour`, DATA), 'utf8'));
      expect(new Set(tour).size).toBe(inst.dimension);
      let length = 0;
      for (let i = 0; i < tour.length; i++) {
        length += tsplibDistance(inst, (tour[i] as number) - 1, (tour[(i + 1) % tour.length] as number) - 1);
      }
      expect(length, name).toBe(Number(optimal));
    }
  });
});
