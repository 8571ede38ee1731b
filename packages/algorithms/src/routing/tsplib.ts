/**
 * TSPLIB95 symmetric instances (Reinelt 1991, "TSPLIB — a traveling salesman problem library"): the parser for
 * the NODE_COORD_SECTION forms and the integer distance functions exactly as the library defines them, so that
 * lengths compare with its published optima. Pure: takes the file's text, reads nothing.
 */

export type TsplibEdgeWeightType = 'EUC_2D' | 'CEIL_2D' | 'ATT' | 'GEO';

export interface TsplibInstance {
  name: string;
  dimension: number;
  edgeWeightType: TsplibEdgeWeightType;
  /** Node coordinates in file order; node number i + 1 in the file is index i here. */
  x: Float64Array;
  y: Float64Array;
}

const SUPPORTED = new Set<string>(['EUC_2D', 'CEIL_2D', 'ATT', 'GEO']);

export function parseTsplib(text: string): TsplibInstance {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let i = 0;
  for (; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line === 'EOF') continue;
    if (line.startsWith('NODE_COORD_SECTION')) {
      i++;
      break;
    }
    const colon = line.indexOf(':');
    if (colon < 0) {
      if (/_SECTION$/.test(line)) throw new Error(`TSPLIB: ${line} is not supported (only NODE_COORD_SECTION)`);
      continue;
    }
    header.set(line.slice(0, colon).trim().toUpperCase(), line.slice(colon + 1).trim());
  }
  const type = header.get('TYPE');
  if (type !== undefined && type !== 'TSP') throw new Error(`TSPLIB: TYPE ${type} is not a symmetric TSP`);
  const weightType = header.get('EDGE_WEIGHT_TYPE') ?? '';
  if (!SUPPORTED.has(weightType)) throw new Error(`TSPLIB: EDGE_WEIGHT_TYPE ${weightType || '(none)'} not supported`);
  const dimension = Number(header.get('DIMENSION'));
  if (!Number.isInteger(dimension) || dimension < 1) throw new Error('TSPLIB: DIMENSION missing or not a number');
  const x = new Float64Array(dimension);
  const y = new Float64Array(dimension);
  const seen = new Uint8Array(dimension);
  let count = 0;
  for (; i < lines.length && count < dimension; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    if (line === 'EOF') break;
    const parts = line.split(/\s+/);
    const id = Number(parts[0]);
    const px = Number(parts[1]);
    const py = Number(parts[2]);
    if (!Number.isInteger(id) || id < 1 || id > dimension || !Number.isFinite(px) || !Number.isFinite(py)) {
      throw new Error(`TSPLIB: bad coordinate line "${line}"`);
    }
    if (seen[id - 1]) throw new Error(`TSPLIB: node ${id} given twice`);
    seen[id - 1] = 1;
    x[id - 1] = px;
    y[id - 1] = py;
    count++;
  }
  if (count !== dimension) throw new Error(`TSPLIB: ${count} coordinates for DIMENSION ${dimension}`);
  return {
    name: header.get('NAME') ?? '',
    dimension,
    edgeWeightType: weightType as TsplibEdgeWeightType,
    x,
    y,
  };
}

/** TSPLIB's nint: round half up. The coordinates here are never negative distances, so floor(x + 0.5). */
function nint(v: number): number {
  return Math.floor(v + 0.5);
}

// biome-ignore lint/suspicious/noApproximativeNumericConstant: TSPLIB defines GEO with this truncated π; Math.PI changes distances
const GEO_PI = 3.141592;
const GEO_RADIUS = 6378.388;

/** TSPLIB GEO: DDD.MM (degrees and minutes) to radians with TSPLIB's own π. */
function geoRadians(v: number): number {
  const deg = Math.trunc(v);
  const min = v - deg;
  return (GEO_PI * (deg + (5.0 * min) / 3.0)) / 180.0;
}

/** The TSPLIB distance between nodes i and j (0-based) of an instance. */
export function tsplibDistance(inst: TsplibInstance, i: number, j: number): number {
  const xi = inst.x[i] as number;
  const yi = inst.y[i] as number;
  const xj = inst.x[j] as number;
  const yj = inst.y[j] as number;
  switch (inst.edgeWeightType) {
    case 'EUC_2D':
      return nint(Math.sqrt((xi - xj) ** 2 + (yi - yj) ** 2));
    case 'CEIL_2D':
      return Math.ceil(Math.sqrt((xi - xj) ** 2 + (yi - yj) ** 2));
    case 'ATT': {
      const r = Math.sqrt(((xi - xj) ** 2 + (yi - yj) ** 2) / 10.0);
      const t = nint(r);
      return t < r ? t + 1 : t;
    }
    case 'GEO': {
      if (i === j) return 0;
      const lati = geoRadians(xi);
      const loni = geoRadians(yi);
      const latj = geoRadians(xj);
      const lonj = geoRadians(yj);
      const q1 = Math.cos(loni - lonj);
      const q2 = Math.cos(lati - latj);
      const q3 = Math.cos(lati + latj);
      return Math.trunc(GEO_RADIUS * Math.acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0);
    }
  }
}

/** The full row-major distance matrix of an instance. */
export function tsplibMatrix(inst: TsplibInstance): Float64Array {
  const n = inst.dimension;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = tsplibDistance(inst, i, j);
      m[i * n + j] = d;
      m[j * n + i] = d;
    }
  }
  return m;
}
