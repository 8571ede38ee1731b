/**
 * Symmetric travelling salesman: the shortest closed tour through every node of a distance matrix.
 *
 * Method (the ideas of Or-opt and LKH, in a form that fits a few hundred milliseconds):
 * - the tour is an array with each node's position, so `succ`/`pred` are O(1) and a 2-opt move reverses the
 *   shorter side of the cycle;
 * - candidate edges are each node's K nearest neighbours (LKH uses α-nearness; plain nearness is close enough
 *   at this size), and a move must add a candidate edge whose length is below the edge it removes (the
 *   positive-gain criterion), which prunes almost every pair;
 * - local search = 2-opt + Or-opt (a segment of 1–3 nodes moved elsewhere, either way round), driven by a queue
 *   of "active" nodes (don't-look bits): a node is looked at again only when one of its tour edges changed;
 * - iterated local search: a local double-bridge kick (two adjacent short segments swapped — a 3-change that
 *   2-opt and Or-opt cannot undo in one step), local search from the kicked nodes only, and the new tour kept
 *   when it is no longer than the old one (accepting equal length lets the search drift across plateaus).
 */

import { Random } from '../random';
import { Deadline, type SearchBudget } from './budget';

export interface TspResult {
  /** Node indices in visiting order, starting with node 0 (the tour is closed: the last returns to the first). */
  tour: number[];
  length: number;
  /** Length of the nearest-neighbour construction the search started from. */
  constructionLength: number;
  /** Improvement iterations (kicks) run. */
  iterations: number;
}

export interface TspOptions extends SearchBudget {
  /** Candidate neighbours per node; default 10. */
  neighbours?: number;
}

/** Length of a closed tour under a row-major n×n matrix. */
export function tourLength(dist: ArrayLike<number>, n: number, tour: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < tour.length; i++) {
    const a = tour[i] as number;
    const b = tour[(i + 1) % tour.length] as number;
    total += dist[a * n + b] as number;
  }
  return total;
}

/** Each node's `k` nearest other nodes, nearest first, as one flat array of n·k entries. */
export function nearestNeighbours(dist: ArrayLike<number>, n: number, k: number): Int32Array {
  const kk = Math.min(k, n - 1);
  const out = new Int32Array(n * kk);
  const order: number[] = [];
  for (let a = 0; a < n; a++) {
    order.length = 0;
    for (let b = 0; b < n; b++) if (b !== a) order.push(b);
    const row = a * n;
    // Ties broken by index so that the lists (and so the search) do not depend on the sort's stability.
    order.sort((x, y) => (dist[row + x] as number) - (dist[row + y] as number) || x - y);
    for (let i = 0; i < kk; i++) out[a * kk + i] = order[i] as number;
  }
  return out;
}

class ArrayTour {
  readonly tour: Int32Array;
  readonly pos: Int32Array;
  constructor(
    readonly n: number,
    order: ArrayLike<number>,
  ) {
    this.tour = Int32Array.from(order);
    this.pos = new Int32Array(n);
    for (let i = 0; i < n; i++) this.pos[this.tour[i] as number] = i;
  }
  succ(a: number): number {
    const p = (this.pos[a] as number) + 1;
    return this.tour[p === this.n ? 0 : p] as number;
  }
  pred(a: number): number {
    const p = this.pos[a] as number;
    return this.tour[p === 0 ? this.n - 1 : p - 1] as number;
  }
  /** Reverses the path from position i forward to position j (cyclically). */
  private reversePath(i: number, j: number) {
    const n = this.n;
    const tour = this.tour;
    const pos = this.pos;
    let len = j - i;
    if (len < 0) len += n;
    len = (len + 1) >> 1;
    for (let s = 0; s < len; s++) {
      const a = tour[i] as number;
      const b = tour[j] as number;
      tour[i] = b;
      pos[b] = i;
      tour[j] = a;
      pos[a] = j;
      if (++i === n) i = 0;
      if (--j < 0) j = n - 1;
    }
  }
  /**
   * Replaces tour edges (a,b) and (c,d) by (a,c) and (b,d), where b follows a and d follows c in one of the
   * two directions. Reverses whichever side of the cycle is shorter.
   */
  move2opt(a: number, b: number, c: number, d: number) {
    if (this.succ(a) !== b) {
      // The edges run the other way in the array: the same move seen from the other direction.
      const ta = a;
      const tb = b;
      a = d;
      b = c;
      c = tb;
      d = ta;
    }
    const n = this.n;
    const pb = this.pos[b] as number;
    const pc = this.pos[c] as number;
    let inner = pc - pb;
    if (inner < 0) inner += n;
    if (2 * (inner + 1) <= n) this.reversePath(pb, pc);
    else this.reversePath(this.pos[d] as number, this.pos[a] as number);
  }
}

interface SearchState {
  n: number;
  dist: Float64Array;
  neigh: Int32Array;
  k: number;
  t: ArrayTour;
  queue: Int32Array;
  inQueue: Uint8Array;
  head: number;
  size: number;
}

function push(s: SearchState, a: number) {
  if (s.inQueue[a]) return;
  s.inQueue[a] = 1;
  let tail = s.head + s.size;
  if (tail >= s.n) tail -= s.n;
  s.queue[tail] = a;
  s.size++;
}

function pop(s: SearchState): number {
  const a = s.queue[s.head] as number;
  s.head++;
  if (s.head === s.n) s.head = 0;
  s.size--;
  s.inQueue[a] = 0;
  return a;
}

const EPS = 1e-9;

/** Tries an improving 2-opt move that adds a candidate edge at `a`; applies the first found. */
function try2opt(s: SearchState, a: number): boolean {
  const { n, dist, neigh, k, t } = s;
  const row = a * n;
  for (let dir = 0; dir < 2; dir++) {
    const b = dir === 0 ? t.succ(a) : t.pred(a);
    const dab = dist[row + b] as number;
    for (let i = 0; i < k; i++) {
      const c = neigh[a * k + i] as number;
      const dac = dist[row + c] as number;
      if (dac >= dab) break;
      const d = dir === 0 ? t.succ(c) : t.pred(c);
      if (c === b || d === a) continue;
      const delta = dac + (dist[b * n + d] as number) - dab - (dist[c * n + d] as number);
      if (delta < -EPS) {
        t.move2opt(a, b, c, d);
        push(s, a);
        push(s, b);
        push(s, c);
        push(s, d);
        return true;
      }
    }
  }
  return false;
}

/**
 * Tries an improving Or-opt move: a segment of 1–3 nodes with `a` at one end, reinserted next to one of a's
 * candidate neighbours c (either orientation), so the new edge (c, a) is a candidate edge.
 */
function tryOrOpt(s: SearchState, a: number): boolean {
  const { n, dist, neigh, k, t } = s;
  for (let len = 1; len <= 3 && len < n - 2; len++) {
    for (let dir = 0; dir < 2; dir++) {
      // Segment s1..s2 in the forward direction; a is s1 (dir 0) or s2 (dir 1).
      let s1 = a;
      let s2 = a;
      for (let i = 1; i < len; i++) {
        if (dir === 0) s2 = t.succ(s2);
        else s1 = t.pred(s1);
      }
      const p = t.pred(s1);
      const nx = t.succ(s2);
      const removeGain = (dist[p * n + s1] as number) + (dist[s2 * n + nx] as number) - (dist[p * n + nx] as number);
      if (removeGain <= EPS) continue;
      const ps1 = t.pos[s1] as number;
      for (let i = 0; i < k; i++) {
        const c = neigh[a * k + i] as number;
        const dac = dist[a * n + c] as number;
        if (dac >= removeGain) break;
        // c must lie outside the segment.
        let off = (t.pos[c] as number) - ps1;
        if (off < 0) off += n;
        if (off < len) continue;
        // Two insertion edges touch c: (c, succ c) and (pred c, c). Either may be cut; the end that is not
        // a goes to the other node of the edge.
        for (let side = 0; side < 2; side++) {
          const e = side === 0 ? t.succ(c) : t.pred(c);
          let offE = (t.pos[e] as number) - ps1;
          if (offE < 0) offE += n;
          if (offE < len) continue;
          const other = a === s1 ? s2 : s1;
          const delta = dac + (dist[other * n + e] as number) - (dist[c * n + e] as number) - removeGain;
          if (delta < -EPS) {
            // Normalise to an insertion edge (x, y) with y = succ x; the segment ends up next to both.
            const x = side === 0 ? c : e;
            const y = side === 0 ? e : c;
            // After the move x is adjacent to a or other: segment kept forward iff x is joined to s1.
            const xJoinsS1 = (x === c) === (a === s1);
            orMove(t, s1, s2, p, nx, x, y, !xJoinsS1);
            push(s, p);
            push(s, nx);
            push(s, s1);
            push(s, s2);
            push(s, x);
            push(s, y);
            return true;
          }
        }
      }
    }
  }
  return false;
}

/**
 * Moves the forward segment s1..s2 (p before it, nx after it) between x and y = succ(x), as a composition of
 * 2-opt moves: reversed gives x→s2…s1→y, otherwise x→s1…s2→y.
 */
function orMove(t: ArrayTour, s1: number, s2: number, p: number, nx: number, x: number, y: number, reversed: boolean) {
  // p→s1…s2→nx…x→y: cutting (p,s1),(x,y) gives p→x…nx→s2…s1→y.
  t.move2opt(p, s1, x, y);
  // Then (p,x),(nx,s2) → (p,nx),(x,s2): p→nx…x→s2…s1→y. When x is nx the first move already did it.
  if (x !== nx) t.move2opt(p, x, nx, s2);
  if (!reversed && s1 !== s2) t.move2opt(x, s2, s1, y);
}

function localSearch(s: SearchState) {
  while (s.size > 0) {
    const a = pop(s);
    if (try2opt(s, a) || tryOrOpt(s, a)) push(s, a);
  }
}

/** Nearest neighbour tour from node 0, helped by the candidate lists, falling back to a full scan. */
function nearestNeighbourTour(dist: Float64Array, n: number, neigh: Int32Array, k: number): number[] {
  const used = new Uint8Array(n);
  const tour = [0];
  used[0] = 1;
  let cur = 0;
  for (let step = 1; step < n; step++) {
    let next = -1;
    for (let i = 0; i < k; i++) {
      const c = neigh[cur * k + i] as number;
      if (!used[c]) {
        next = c;
        break;
      }
    }
    if (next < 0) {
      let best = Number.POSITIVE_INFINITY;
      for (let c = 0; c < n; c++) {
        if (used[c]) continue;
        const d = dist[cur * n + c] as number;
        if (d < best) {
          best = d;
          next = c;
        }
      }
    }
    used[next] = 1;
    tour.push(next);
    cur = next;
  }
  return tour;
}

/** Swaps two adjacent short segments starting at a random position: the local double-bridge kick. */
function doubleBridge(t: ArrayTour, rng: Random, touched: number[]) {
  const n = t.n;
  const maxLen = Math.max(1, Math.min(50, Math.floor(n / 3)));
  const l1 = rng.int(1, maxLen);
  const l2 = rng.int(1, maxLen);
  const start = rng.int(0, n - 1);
  const seg: number[] = [];
  for (let i = 0; i < l1 + l2; i++) seg.push(t.tour[(start + i) % n] as number);
  touched.length = 0;
  touched.push(t.tour[(start + n - 1) % n] as number, seg[0] as number, seg[l1 - 1] as number);
  touched.push(seg[l1] as number, seg[l1 + l2 - 1] as number, t.tour[(start + l1 + l2) % n] as number);
  // B C → C B in place.
  let p = start;
  for (let i = l1; i < l1 + l2; i++) {
    const v = seg[i] as number;
    t.tour[p] = v;
    t.pos[v] = p;
    if (++p === n) p = 0;
  }
  for (let i = 0; i < l1; i++) {
    const v = seg[i] as number;
    t.tour[p] = v;
    t.pos[v] = p;
    if (++p === n) p = 0;
  }
}

/**
 * Solves a symmetric TSP on a row-major n×n matrix. Deterministic for a given seed and budget; the default
 * budget scales with n (about 1.2 ms per node, at least 20 ms).
 */
export function solveTsp(matrix: ArrayLike<number>, n: number, options: TspOptions = {}): TspResult {
  if (n <= 3) {
    const tour = Array.from({ length: n }, (_, i) => i);
    const length = n <= 1 ? 0 : tourLength(matrix, n, tour);
    return { tour, length, constructionLength: length, iterations: 0 };
  }
  const dist = matrix instanceof Float64Array ? matrix : Float64Array.from(matrix);
  const deadline = new Deadline(options, Math.max(20, 1.2 * n));
  const rng = new Random(options.seed ?? 1);
  const k = Math.min(options.neighbours ?? 10, n - 1);
  const neigh = nearestNeighbours(dist, n, k);
  const t = new ArrayTour(n, nearestNeighbourTour(dist, n, neigh, k));
  const s: SearchState = {
    n,
    dist,
    neigh,
    k,
    t,
    queue: new Int32Array(n),
    inQueue: new Uint8Array(n),
    head: 0,
    size: 0,
  };
  const constructionLength = tourLength(dist, n, t.tour);
  for (let i = 0; i < n; i++) push(s, t.tour[i] as number);
  localSearch(s);
  let length = tourLength(dist, n, t.tour);
  const savedTour = Int32Array.from(t.tour);
  const touched: number[] = [];
  while (!deadline.tick()) {
    savedTour.set(t.tour);
    doubleBridge(t, rng, touched);
    for (const v of touched) push(s, v);
    localSearch(s);
    const next = tourLength(dist, n, t.tour);
    if (next <= length + EPS) {
      length = next;
    } else {
      t.tour.set(savedTour);
      for (let i = 0; i < n; i++) t.pos[t.tour[i] as number] = i;
    }
  }
  // Rotate so that the tour starts at node 0 (a depot, when the caller has one).
  const p0 = t.pos[0] as number;
  const tour: number[] = [];
  for (let i = 0; i < n; i++) tour.push(t.tour[(p0 + i) % n] as number);
  return { tour, length: tourLength(dist, n, tour), constructionLength, iterations: deadline.iterations };
}
