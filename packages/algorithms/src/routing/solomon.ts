/**
 * Solomon's VRPTW instances (Solomon 1987) in their usual text form: a name, VEHICLE NUMBER and CAPACITY, then
 * one line per node (customer 0 is the depot) with coordinates, demand, ready time, due date and service time.
 * Distances and travel times are Euclidean in double precision (the convention of the distance-minimising
 * references); `solomonProblem` turns an instance into the solver's problem. Pure: takes text, reads nothing.
 */
import type { VrpProblem } from './vrptw';

export interface SolomonNode {
  /** The number in the file: 0 for the depot, 1… for customers. */
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** The depot first, then the customers in file order. */
  nodes: SolomonNode[];
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const name = lines[0] ?? '';
  let vehicles = Number.NaN;
  let capacity = Number.NaN;
  const nodes: SolomonNode[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^NUMBER\s+CAPACITY/i.test(line)) {
      const [v, c] = (lines[i + 1] ?? '').split(/\s+/).map(Number);
      vehicles = v ?? Number.NaN;
      capacity = c ?? Number.NaN;
      i++;
      continue;
    }
    if (!/^\d/.test(line)) continue;
    const f = line.split(/\s+/).map(Number);
    if (f.length < 7 || f.some((v) => !Number.isFinite(v))) throw new Error(`Solomon: bad node line "${line}"`);
    const [id, x, y, demand, ready, due, service] = f as [number, number, number, number, number, number, number];
    nodes.push({ id, x, y, demand, ready, due, service });
  }
  if (!Number.isInteger(vehicles) || vehicles < 1 || !(capacity > 0)) {
    throw new Error('Solomon: VEHICLE NUMBER/CAPACITY missing');
  }
  if (nodes.length < 1 || nodes[0]?.id !== 0) throw new Error('Solomon: the first node must be the depot 0');
  nodes.forEach((node, i) => {
    if (node.id !== i) throw new Error(`Solomon: node ${node.id} out of order (expected ${i})`);
  });
  return { name, vehicles, capacity, nodes };
}

/** The Euclidean matrix of the instance's nodes, in double precision. */
export function solomonMatrix(inst: SolomonInstance): Float64Array {
  const n = inst.nodes.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = inst.nodes[i] as SolomonNode;
    for (let j = i + 1; j < n; j++) {
      const b = inst.nodes[j] as SolomonNode;
      const d = Math.sqrt((a.x - b.x) ** 2 + (a.y - b.y) ** 2);
      m[i * n + j] = d;
      m[j * n + i] = d;
    }
  }
  return m;
}

/**
 * The instance as a solver problem: node i of the matrix is file node i, customer k (0-based) is file node
 * k + 1, and every vehicle leaves the depot at its ready time and must be back by its due date.
 */
export function solomonProblem(inst: SolomonInstance, matrix: Float64Array = solomonMatrix(inst)): VrpProblem {
  const depot = inst.nodes[0] as SolomonNode;
  return {
    size: inst.nodes.length,
    distance: matrix,
    customers: inst.nodes.slice(1).map((c) => ({
      node: c.id,
      demand: c.demand,
      service: c.service,
      ready: c.ready,
      due: c.due,
    })),
    vehicles: Array.from({ length: inst.vehicles }, () => ({
      start: 0,
      end: 0,
      capacity: inst.capacity,
      earliest: depot.ready,
      latest: depot.due,
    })),
  };
}
