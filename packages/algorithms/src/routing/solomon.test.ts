import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSolomon, solomonMatrix, solomonProblem } from './solomon';

const DATA = new URL('../../../../../shared/data/solomon/', import.meta.url);

describe('parseSolomon', () => {
  it('reads C101: 25 vehicles of 200, the depot and 100 customers in file order', () => {
    const inst = parseSolomon(readFileSync(new URL('C101.txt', DATA), 'utf8'));
    expect(inst.name).toBe('C101');
    expect(inst.vehicles).toBe(25);
    expect(inst.capacity).toBe(200);
    expect(inst.nodes).toHaveLength(101);
    expect(inst.nodes[0]).toEqual({ id: 0, x: 40, y: 50, demand: 0, ready: 0, due: 1236, service: 0 });
    expect(inst.nodes[1]).toEqual({ id: 1, x: 45, y: 68, demand: 10, ready: 912, due: 967, service: 90 });
  });

  it('refuses a file without the fleet or with nodes out of order', () => {
    expect(() => parseSolomon('X\n0 40 50 0 0 1236 0\n')).toThrow(/VEHICLE/);
    const head = 'X\nVEHICLE\nNUMBER CAPACITY\n 2 10\nCUSTOMER\n';
    expect(() => parseSolomon(`${head}1 0 0 0 0 100 0\n`)).toThrow(/depot/);
    expect(() => parseSolomon(`${head}0 0 0 0 0 100 0\n2 1 1 1 0 100 0\n`)).toThrow(/out of order/);
    expect(() => parseSolomon(`${head}0 0 0 0 0 100 0\n1 1 1 1 0 x 0\n`)).toThrow(/bad node/);
  });

  it('the CVRPLIB reference routes measure, in double precision, what best-known.csv says', () => {
    const rows = readFileSync(new URL('best-known.csv', DATA), 'utf8').trim().split('\n').slice(1);
    expect(rows.length).toBe(6);
    for (const row of rows) {
      const [name, , , vehicles, , double] = row.split(',');
      const inst = parseSolomon(readFileSync(new URL(`${name}.txt`, DATA), 'utf8'));
      const m = solomonMatrix(inst);
      const n = inst.nodes.length;
      const routes = readFileSync(new URL(`${name}.sol`, DATA), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('Route'))
        .map((l) => (l.split(':')[1] as string).trim().split(/\s+/).map(Number));
      expect(routes.length, name).toBe(Number(vehicles));
      let total = 0;
      for (const r of routes) {
        let prev = 0;
        for (const c of r) {
          total += m[prev * n + c] as number;
          prev = c;
        }
        total += m[prev * n] as number;
      }
      expect(total, name).toBeCloseTo(Number(double), 2);
    }
  });

  it('becomes a problem with customer k at node k + 1 and the depot’s hours on every vehicle', () => {
    const inst = parseSolomon(readFileSync(new URL('R101.txt', DATA), 'utf8'));
    const p = solomonProblem(inst);
    expect(p.size).toBe(101);
    expect(p.customers).toHaveLength(100);
    expect(p.customers[0]).toEqual({ node: 1, demand: 10, service: 10, ready: 161, due: 171 });
    expect(p.vehicles).toHaveLength(25);
    expect(p.vehicles[0]).toEqual({ start: 0, end: 0, capacity: 200, earliest: 0, latest: 230 });
  });
});
