/**
 * Vehicle routing with time windows: a fleet of routes (vehicles, or a manager's working days), each from its
 * start node to its end node within its own hours, with a capacity and a cap on stops; customers with a demand,
 * a service time, a time window and optionally the only routes they may go on (a visit pinned to a day).
 * Objective: serve as many customers as possible, then the least total distance.
 *
 * Method: Slack Induction by String Removals (Christiaens & Vanden Berghe 2020) — the ruin-and-recreate scheme
 * that jsprit also builds on, with VROOM's and PyVRP's habit of checking a move's time-window feasibility in
 * O(1): every route keeps, per position, the earliest service start (forward) and the latest service start that
 * keeps the rest of the route feasible (backward, the "latest arrival" form of forward time slack), so an
 * insertion is feasible iff the new customer starts within its window and reaches the next stop by that stop's
 * latest start.
 * - Ruin: a few strings (runs of consecutive customers, sometimes with a kept middle — "split strings") from
 *   routes near a random seed customer, so the removed customers are close in space and time; in one ruin of
 *   twenty, the seed's whole route (so that a route longer than the mean can be emptied into another vehicle).
 * - Recreate: customers in a random, demand, far-first or near-first order, each inserted at its cheapest
 *   feasible position over all routes (equally cheap ones drawn at random), skipping each position with a small
 *   "blink" probability for diversity.
 * - Acceptance: simulated annealing on total distance with a geometric temperature over the time budget;
 *   an unserved customer costs more than any distance, so coverage is never traded for distance.
 * - Then a local search on the best solution: relocate, swap and 2-opt* over each customer's nearest
 *   customers (HGS's granular neighbourhood), each move checked in O(1) with the same forward/backward times.
 */

import { Random } from '../random';
import { Deadline, type SearchBudget } from './budget';

export interface VrpCustomer {
  /** Index of this customer in the matrices; each customer has its own node. */
  node: number;
  demand?: number;
  /** Time spent at the customer. */
  service?: number;
  /** Service may start no earlier than this (waiting is allowed)… */
  ready?: number;
  /** …and no later than this. */
  due?: number;
  /** The only vehicles (indices into `vehicles`) that may serve it; all when absent. */
  vehicles?: readonly number[];
}

export interface VrpVehicle {
  /** Start and end nodes in the matrices (a base, a depot). */
  start: number;
  end: number;
  capacity?: number;
  maxStops?: number;
  /** Leaves the start node at this time… */
  earliest?: number;
  /** …and must be back at the end node by this time. */
  latest?: number;
}

export interface VrpProblem {
  /** Number of nodes in the matrices. */
  size: number;
  /** Row-major size×size distances (the objective). */
  distance: ArrayLike<number>;
  /** Row-major size×size travel times; the distances when absent. */
  travelTime?: ArrayLike<number>;
  customers: readonly VrpCustomer[];
  vehicles: readonly VrpVehicle[];
}

export type UnassignedReason =
  /** No vehicle may take it (pinned to a route that does not exist). */
  | 'no-vehicle'
  /** Its demand exceeds every allowed vehicle's capacity, or a vehicle takes no stops. */
  | 'capacity'
  /** Even straight from the start it cannot be reached before its window closes. */
  | 'time-window'
  /** It can be reached, but not served and the end reached within the vehicle's hours. */
  | 'shift'
  /** Each fits alone, but not all fit together: the routes are full. */
  | 'no-room';

export interface VrpRouteResult {
  vehicle: number;
  /** Customer indices (into `problem.customers`) in visiting order. */
  customers: number[];
  /** Arrival time at each customer, and when service starts there (later when arriving before its window). */
  arrival: number[];
  start: number[];
  /** Departure from the start node (the vehicle's earliest time) and arrival back at the end node. */
  departure: number;
  returnTime: number;
  distance: number;
  load: number;
}

export interface VrpResult {
  /** One entry per vehicle, in vehicle order; a vehicle without customers has an empty route. */
  routes: VrpRouteResult[];
  unassigned: { customer: number; reason: UnassignedReason }[];
  distance: number;
  /** Distance and unserved count of the construction, before any improvement. */
  construction: { distance: number; unassigned: number };
  iterations: number;
}

export interface VrpOptions extends SearchBudget {
  /** Average number of customers removed per ruin (SISR's c̄); default 10. */
  averageRemoved?: number;
  /** Longest string removed (SISR's L_max); default 10. */
  maxString?: number;
}

const EPS = 1e-7;

interface Route {
  nodes: number[];
  /** Service start at positions 0 (start node) … m+1 (end node). */
  st: Float64Array;
  /** Latest feasible service start at each position. */
  lat: Float64Array;
  /** Demand served up to and including each position (0 at the start node). */
  cum: Float64Array;
  load: number;
  dist: number;
}

/** The immutable data of a problem in flat arrays indexed by node. */
class Model {
  readonly n: number;
  readonly dist: Float64Array;
  readonly time: Float64Array;
  readonly ready: Float64Array;
  readonly due: Float64Array;
  readonly service: Float64Array;
  readonly demand: Float64Array;
  /** Customer index of a node, −1 for other nodes. */
  readonly customerOf: Int32Array;
  readonly custNodes: Int32Array;
  readonly vehicleCount: number;
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly vCap: Float64Array;
  readonly vMaxStops: Int32Array;
  readonly vEarliest: Float64Array;
  readonly vLatest: Float64Array;
  /** allowed[node * V + v]; null when every vehicle may take every customer. */
  readonly allowed: Uint8Array | null;
  /** Vehicles with identical data share a class: one empty route of a class is enough to try. */
  readonly vClass: Int32Array;
  /** For each customer node, the other customer nodes nearest first (SISR's adjacency). */
  readonly adjacency: Int32Array;
  readonly custCount: number;

  constructor(p: VrpProblem) {
    const n = p.size;
    if (!Number.isInteger(n) || n < 1) throw new RangeError('size must be a positive integer');
    if (p.distance.length !== n * n) throw new RangeError('distance must have size² entries');
    if (p.travelTime && p.travelTime.length !== n * n) throw new RangeError('travelTime must have size² entries');
    this.n = n;
    this.dist = Float64Array.from(p.distance);
    this.time = p.travelTime ? Float64Array.from(p.travelTime) : this.dist;
    for (let i = 0; i < n * n; i++) {
      if (!Number.isFinite(this.dist[i] as number) || (this.dist[i] as number) < 0) {
        throw new RangeError('distances must be finite and non-negative');
      }
      if (!Number.isFinite(this.time[i] as number) || (this.time[i] as number) < 0) {
        throw new RangeError('travel times must be finite and non-negative');
      }
    }
    this.ready = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.due = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.service = new Float64Array(n);
    this.demand = new Float64Array(n);
    this.customerOf = new Int32Array(n).fill(-1);
    const V = p.vehicles.length;
    this.vehicleCount = V;
    this.vStart = new Int32Array(V);
    this.vEnd = new Int32Array(V);
    this.vCap = new Float64Array(V);
    this.vMaxStops = new Int32Array(V);
    this.vEarliest = new Float64Array(V);
    this.vLatest = new Float64Array(V);
    const depotNode = new Uint8Array(n);
    const classes = new Map<string, number>();
    this.vClass = new Int32Array(V);
    p.vehicles.forEach((v, i) => {
      for (const node of [v.start, v.end]) {
        if (!Number.isInteger(node) || node < 0 || node >= n) throw new RangeError(`vehicle ${i}: bad node ${node}`);
        depotNode[node] = 1;
      }
      this.vStart[i] = v.start;
      this.vEnd[i] = v.end;
      this.vCap[i] = v.capacity ?? Number.POSITIVE_INFINITY;
      this.vMaxStops[i] = Math.min(v.maxStops ?? 2 ** 30, 2 ** 30);
      this.vEarliest[i] = v.earliest ?? 0;
      this.vLatest[i] = v.latest ?? Number.POSITIVE_INFINITY;
      const key = [v.start, v.end, this.vCap[i], this.vMaxStops[i], this.vEarliest[i], this.vLatest[i]].join(',');
      if (!classes.has(key)) classes.set(key, classes.size);
      this.vClass[i] = classes.get(key) as number;
    });
    const C = p.customers.length;
    this.custCount = C;
    this.custNodes = new Int32Array(C);
    let restricted = false;
    p.customers.forEach((c, i) => {
      const node = c.node;
      if (!Number.isInteger(node) || node < 0 || node >= n) throw new RangeError(`customer ${i}: bad node ${node}`);
      if (depotNode[node]) throw new RangeError(`customer ${i}: node ${node} is a vehicle's start or end`);
      if (this.customerOf[node] !== -1) throw new RangeError(`customer ${i}: node ${node} has another customer`);
      this.customerOf[node] = i;
      this.custNodes[i] = node;
      this.ready[node] = c.ready ?? Number.NEGATIVE_INFINITY;
      this.due[node] = c.due ?? Number.POSITIVE_INFINITY;
      this.service[node] = c.service ?? 0;
      this.demand[node] = c.demand ?? 0;
      if (c.vehicles) restricted = true;
    });
    this.allowed = null;
    if (restricted) {
      const allowed = new Uint8Array(n * V);
      p.customers.forEach((c, i) => {
        const node = this.custNodes[i] as number;
        if (!c.vehicles) allowed.fill(1, node * V, node * V + V);
        else for (const v of c.vehicles) if (Number.isInteger(v) && v >= 0 && v < V) allowed[node * V + v] = 1;
      });
      this.allowed = allowed;
    }
    // Adjacency over customers only, by distance (both ways averaged: the matrix may be asymmetric).
    this.adjacency = new Int32Array(C * C);
    const order = Array.from(this.custNodes);
    for (let i = 0; i < C; i++) {
      const a = this.custNodes[i] as number;
      order.sort((x, y) => this.sym(a, x) - this.sym(a, y) || x - y);
      this.adjacency.set(order, i * C);
    }
  }

  sym(a: number, b: number): number {
    return (this.dist[a * this.n + b] as number) + (this.dist[b * this.n + a] as number);
  }

  isAllowed(node: number, v: number): boolean {
    return this.allowed === null || this.allowed[node * this.vehicleCount + v] === 1;
  }
}

/** A solution: one route per vehicle, each customer node on one route or unassigned. */
class Solution {
  readonly routes: Route[];
  /** Route of each node, −1 when unassigned (or not a customer). */
  readonly routeOf: Int32Array;
  /** Position of each served node in its route: 1 … length (0 is the start node). */
  readonly pos: Int32Array;
  unassigned: number[] = [];

  constructor(readonly m: Model) {
    this.routes = [];
    this.pos = new Int32Array(m.n);
    for (let v = 0; v < m.vehicleCount; v++) {
      const cap = Math.min(m.custCount, m.vMaxStops[v] as number) + 2;
      this.routes.push({
        nodes: [],
        st: new Float64Array(cap),
        lat: new Float64Array(cap),
        cum: new Float64Array(cap),
        load: 0,
        dist: 0,
      });
      this.update(v);
    }
    this.routeOf = new Int32Array(m.n).fill(-1);
  }

  /** Recomputes a route's schedule, load and distance after a change. */
  update(v: number) {
    const m = this.m;
    const r = this.routes[v] as Route;
    const nodes = r.nodes;
    const len = nodes.length;
    const n = m.n;
    const { dist, time, ready, due, service, demand } = m;
    let prev = m.vStart[v] as number;
    let t = m.vEarliest[v] as number;
    r.st[0] = t;
    r.cum[0] = 0;
    let load = 0;
    let d = 0;
    let sPrev = 0;
    for (let i = 0; i < len; i++) {
      const node = nodes[i] as number;
      const arrive = t + sPrev + (time[prev * n + node] as number);
      t = Math.max(arrive, ready[node] as number);
      r.st[i + 1] = t;
      d += dist[prev * n + node] as number;
      load += demand[node] as number;
      r.cum[i + 1] = load;
      this.pos[node] = i + 1;
      sPrev = service[node] as number;
      prev = node;
    }
    const end = m.vEnd[v] as number;
    d += dist[prev * n + end] as number;
    r.st[len + 1] = t + sPrev + (time[prev * n + end] as number);
    r.load = load;
    r.dist = len === 0 ? 0 : d;
    let latest = m.vLatest[v] as number;
    r.lat[len + 1] = latest;
    let next = end;
    for (let i = len - 1; i >= 0; i--) {
      const node = nodes[i] as number;
      const l = latest - (time[node * n + next] as number) - (service[node] as number);
      latest = Math.min(l, due[node] as number);
      r.lat[i + 1] = latest;
      next = node;
    }
    r.lat[0] = latest - (len === 0 ? 0 : (time[(m.vStart[v] as number) * n + (nodes[0] as number)] as number));
  }

  copyRouteFrom(other: Solution, v: number) {
    const src = other.routes[v] as Route;
    const dst = this.routes[v] as Route;
    const old = dst.nodes;
    for (const node of old) if (this.routeOf[node] === v) this.routeOf[node] = -1;
    dst.nodes = src.nodes.slice();
    dst.nodes.forEach((node, i) => {
      this.routeOf[node] = v;
      this.pos[node] = i + 1;
    });
    const k = src.nodes.length + 2;
    dst.st.set(src.st.subarray(0, k));
    dst.lat.set(src.lat.subarray(0, k));
    dst.cum.set(src.cum.subarray(0, k));
    dst.load = src.load;
    dst.dist = src.dist;
  }

  copyFrom(other: Solution) {
    for (let v = 0; v < this.routes.length; v++) this.copyRouteFrom(other, v);
    this.unassigned = other.unassigned.slice();
    for (const node of this.unassigned) this.routeOf[node] = -1;
  }

  distance(): number {
    let d = 0;
    for (const r of this.routes) d += r.dist;
    return d;
  }
}

/** SISR's parameters (the paper's defaults) and our blink rate. */
const BLINK = 0.01;
/** Neighbours per customer in the local search. */
const GRANULAR = 20;
const SPLIT_KEEP = 0.5;
/**
 * Share of ruins that remove the seed customer's whole route. SISR's strings are at most the mean route
 * length, so a route longer than the mean can never be emptied at once: on a tiny instance whose optimum
 * merges it into another vehicle (say the only one a pinned visit may take), no sequence of accepted steps
 * leads there.
 */
const ROUTE_RUIN = 0.05;

class Search {
  readonly sol: Solution;
  readonly cur: Solution;
  readonly best: Solution;
  readonly dirty: Uint8Array;
  readonly dirtyList: number[] = [];
  readonly removed: number[] = [];
  readonly lsOrder: number[];
  readonly ruined: Uint8Array;
  readonly penalty: number;
  readonly avgRemoved: number;
  readonly maxString: number;
  /** Distance to the first vehicle's start and back, for the far-first and near-first orders. */
  readonly depotDist: Float64Array;

  constructor(
    readonly m: Model,
    readonly rng: Random,
    options: VrpOptions,
  ) {
    this.sol = new Solution(m);
    this.cur = new Solution(m);
    this.best = new Solution(m);
    this.dirty = new Uint8Array(m.vehicleCount);
    this.ruined = new Uint8Array(m.vehicleCount);
    this.lsOrder = Array.from({ length: m.custCount }, (_, i) => i);
    this.avgRemoved = options.averageRemoved ?? 10;
    this.maxString = options.maxString ?? 10;
    // An unserved customer must cost more than any change of distance a search step can make.
    let maxD = 0;
    for (let i = 0; i < m.dist.length; i++) if ((m.dist[i] as number) > maxD) maxD = m.dist[i] as number;
    this.penalty = 4 * maxD + 1;
    this.depotDist = new Float64Array(m.n);
    const s0 = m.vStart[0] ?? 0;
    for (let i = 0; i < m.custCount; i++) {
      const node = m.custNodes[i] as number;
      this.depotDist[node] = m.vehicleCount > 0 ? m.sym(s0, node) : 0;
    }
  }

  cost(s: Solution): number {
    return s.distance() + this.penalty * s.unassigned.length;
  }

  markDirty(v: number) {
    if (!this.dirty[v]) {
      this.dirty[v] = 1;
      this.dirtyList.push(v);
    }
  }

  clearDirty() {
    for (const v of this.dirtyList) this.dirty[v] = 0;
    this.dirtyList.length = 0;
  }

  /**
   * Cheapest feasible insertion of `u` over all routes into `sol`; false when none. Equally cheap positions
   * are chosen between at random (reservoir sampling): empty vehicles of different classes often cost the same,
   * and always taking the first one would never put a customer on the one vehicle with room for a second.
   */
  insert(u: number, blink: boolean): boolean {
    const m = this.m;
    const s = this.sol;
    const n = m.n;
    const { dist, time, ready, due, service, demand } = m;
    const ru = ready[u] as number;
    const du = due[u] as number;
    const su = service[u] as number;
    const qu = demand[u] as number;
    let bestV = -1;
    let bestPos = -1;
    let bestDelta = Number.POSITIVE_INFINITY;
    let ties = 0;
    let triedEmpty = 0;
    const V = m.vehicleCount;
    for (let v = 0; v < V; v++) {
      const r = s.routes[v] as Route;
      const len = r.nodes.length;
      if (len + 1 > (m.vMaxStops[v] as number)) continue;
      if (r.load + qu > (m.vCap[v] as number) + EPS) continue;
      if (!m.isAllowed(u, v)) continue;
      if (len === 0) {
        // One empty route per class is enough (classes are few; a bit mask covers the first 31).
        const cls = m.vClass[v] as number;
        if (cls < 31) {
          if (triedEmpty & (1 << cls)) continue;
          triedEmpty |= 1 << cls;
        }
      }
      const nodes = r.nodes;
      const st = r.st;
      const lat = r.lat;
      let a = m.vStart[v] as number;
      let sa = 0;
      for (let k = 0; k <= len; k++) {
        const b = k < len ? (nodes[k] as number) : (m.vEnd[v] as number);
        if (!blink || this.rng.next() >= BLINK) {
          const delta = (dist[a * n + u] as number) + (dist[u * n + b] as number) - (dist[a * n + b] as number);
          if (delta <= bestDelta + EPS) {
            const arrive = (st[k] as number) + sa + (time[a * n + u] as number);
            const start = Math.max(arrive, ru);
            if (start <= du + EPS && start + su + (time[u * n + b] as number) <= (lat[k + 1] as number) + EPS) {
              if (delta < bestDelta - EPS) ties = 1;
              else ties++;
              if (ties === 1 || this.rng.next() * ties < 1) {
                bestDelta = Math.min(delta, bestDelta);
                bestV = v;
                bestPos = k;
              }
            }
          }
        }
        a = b;
        sa = service[b] as number;
      }
    }
    if (bestV < 0) return false;
    const r = s.routes[bestV] as Route;
    r.nodes.splice(bestPos, 0, u);
    s.routeOf[u] = bestV;
    s.update(bestV);
    this.markDirty(bestV);
    return true;
  }

  /** Inserts every node of `this.removed` in one of SISR's orders; the rest become unassigned. */
  recreate(blink: boolean) {
    const list = this.removed;
    const m = this.m;
    const w = this.rng.next() * 11;
    if (w < 4) this.rng.shuffle(list);
    else if (w < 8) {
      this.rng.shuffle(list);
      list.sort((a, b) => (m.demand[b] as number) - (m.demand[a] as number));
    } else if (w < 10) list.sort((a, b) => (this.depotDist[b] as number) - (this.depotDist[a] as number) || a - b);
    else list.sort((a, b) => (this.depotDist[a] as number) - (this.depotDist[b] as number) || a - b);
    const s = this.sol;
    for (const u of list) if (!this.insert(u, blink)) s.unassigned.push(u);
    list.length = 0;
  }

  /** The node at position p of route v: 0 is the start node, length + 1 the end node. */
  nodeAt(v: number, p: number): number {
    const r = this.sol.routes[v] as Route;
    if (p === 0) return this.m.vStart[v] as number;
    if (p > r.nodes.length) return this.m.vEnd[v] as number;
    return r.nodes[p - 1] as number;
  }

  /** Whether visiting `nodes` in this order is feasible for vehicle v (O(length): for moves within a route). */
  feasibleSequence(v: number, nodes: readonly number[]): boolean {
    const m = this.m;
    const n = m.n;
    if (nodes.length > (m.vMaxStops[v] as number)) return false;
    let t = m.vEarliest[v] as number;
    let prev = m.vStart[v] as number;
    let sPrev = 0;
    let load = 0;
    for (const node of nodes) {
      t = Math.max(t + sPrev + (m.time[prev * n + node] as number), m.ready[node] as number);
      if (t > (m.due[node] as number) + EPS) return false;
      load += m.demand[node] as number;
      sPrev = m.service[node] as number;
      prev = node;
    }
    if (load > (m.vCap[v] as number) + EPS) return false;
    return t + sPrev + (m.time[prev * n + (m.vEnd[v] as number)] as number) <= (m.vLatest[v] as number) + EPS;
  }

  private d(a: number, b: number): number {
    return this.m.dist[a * this.m.n + b] as number;
  }

  /** Service start at node x if it follows the node at position p of route v (O(1), from that node's start). */
  private startAfter(v: number, p: number, x: number): number {
    const m = this.m;
    const r = this.sol.routes[v] as Route;
    const a = this.nodeAt(v, p);
    const arrive = (r.st[p] as number) + (p === 0 ? 0 : (m.service[a] as number)) + (m.time[a * m.n + x] as number);
    return Math.max(arrive, m.ready[x] as number);
  }

  /** Moves u next to v (after it, or before it) when that shortens the routes and stays feasible. */
  private tryRelocate(u: number, v: number): boolean {
    const m = this.m;
    const s = this.sol;
    const A = s.routeOf[u] as number;
    const B = s.routeOf[v] as number;
    const i = s.pos[u] as number;
    const ra = s.routes[A] as Route;
    const rb = s.routes[B] as Route;
    const pu = this.nodeAt(A, i - 1);
    const nu = this.nodeAt(A, i + 1);
    const gain = this.d(pu, u) + this.d(u, nu) - this.d(pu, nu);
    const j = s.pos[v] as number;
    for (let side = 0; side < 2; side++) {
      // Insert between positions k and k + 1 of B: after v (k = j) or before v (k = j − 1).
      const k = side === 0 ? j : j - 1;
      const a = this.nodeAt(B, k);
      const b = this.nodeAt(B, k + 1);
      if (a === u || b === u) continue;
      const delta = this.d(a, u) + this.d(u, b) - this.d(a, b) - gain;
      if (delta >= -EPS) continue;
      if (A === B) {
        const nodes = ra.nodes.slice();
        nodes.splice(i - 1, 1);
        const at = nodes.indexOf(v) + (side === 0 ? 1 : 0);
        nodes.splice(at, 0, u);
        if (!this.feasibleSequence(A, nodes)) continue;
        ra.nodes = nodes;
        s.update(A);
        this.markDirty(A);
        return true;
      }
      if (!m.isAllowed(u, B)) return false;
      if (rb.nodes.length + 1 > (m.vMaxStops[B] as number)) return false;
      if (rb.load + (m.demand[u] as number) > (m.vCap[B] as number) + EPS) return false;
      // B with u: u starts within its window and the rest of B still makes its latest starts.
      const start = this.startAfter(B, k, u);
      if (start > (m.due[u] as number) + EPS) continue;
      if (start + (m.service[u] as number) + (m.time[u * m.n + b] as number) > (rb.lat[k + 1] as number) + EPS)
        continue;
      // A without u (the time matrix need not obey the triangle inequality).
      if (ra.nodes.length > 1 && this.startAfter(A, i - 1, nu) > (ra.lat[i + 1] as number) + EPS) continue;
      ra.nodes.splice(i - 1, 1);
      rb.nodes.splice(k, 0, u);
      s.routeOf[u] = B;
      s.update(A);
      s.update(B);
      this.markDirty(A);
      this.markDirty(B);
      return true;
    }
    return false;
  }

  /** Exchanges u and v between their routes when that is shorter and feasible. */
  private trySwap(u: number, v: number): boolean {
    const m = this.m;
    const s = this.sol;
    const A = s.routeOf[u] as number;
    const B = s.routeOf[v] as number;
    if (A === B) return false;
    const i = s.pos[u] as number;
    const j = s.pos[v] as number;
    const pu = this.nodeAt(A, i - 1);
    const nu = this.nodeAt(A, i + 1);
    const pv = this.nodeAt(B, j - 1);
    const nv = this.nodeAt(B, j + 1);
    const delta =
      this.d(pu, v) +
      this.d(v, nu) -
      this.d(pu, u) -
      this.d(u, nu) +
      this.d(pv, u) +
      this.d(u, nv) -
      this.d(pv, v) -
      this.d(v, nv);
    if (delta >= -EPS) return false;
    const ra = s.routes[A] as Route;
    const rb = s.routes[B] as Route;
    const qu = m.demand[u] as number;
    const qv = m.demand[v] as number;
    if (!m.isAllowed(u, B) || !m.isAllowed(v, A)) return false;
    if (ra.load - qu + qv > (m.vCap[A] as number) + EPS || rb.load - qv + qu > (m.vCap[B] as number) + EPS)
      return false;
    const sv = this.startAfter(A, i - 1, v);
    if (sv > (m.due[v] as number) + EPS) return false;
    if (sv + (m.service[v] as number) + (m.time[v * m.n + nu] as number) > (ra.lat[i + 1] as number) + EPS)
      return false;
    const su = this.startAfter(B, j - 1, u);
    if (su > (m.due[u] as number) + EPS) return false;
    if (su + (m.service[u] as number) + (m.time[u * m.n + nv] as number) > (rb.lat[j + 1] as number) + EPS)
      return false;
    ra.nodes[i - 1] = v;
    rb.nodes[j - 1] = u;
    s.routeOf[u] = B;
    s.routeOf[v] = A;
    s.update(A);
    s.update(B);
    this.markDirty(A);
    this.markDirty(B);
    return true;
  }

  /**
   * 2-opt*: exchanges the tails of two routes so that u and v become consecutive (u then v, or v then u).
   * Only between vehicles that end at the same node by the same time, so a tail's latest starts still hold.
   */
  private tryTwoOptStar(u: number, v: number): boolean {
    const m = this.m;
    const s = this.sol;
    const A = s.routeOf[u] as number;
    const B = s.routeOf[v] as number;
    if (A === B || m.vEnd[A] !== m.vEnd[B] || m.vLatest[A] !== m.vLatest[B]) return false;
    const i = s.pos[u] as number;
    const j = s.pos[v] as number;
    // Cut A after position ca and B after cb; A keeps its head and takes B's tail, and the other way round.
    return this.twoOptStarAt(A, i, B, j - 1) || this.twoOptStarAt(B, j, A, i - 1);
  }

  private twoOptStarAt(A: number, ca: number, B: number, cb: number): boolean {
    const m = this.m;
    const s = this.sol;
    const ra = s.routes[A] as Route;
    const rb = s.routes[B] as Route;
    const x = this.nodeAt(A, ca);
    const xNext = this.nodeAt(A, ca + 1);
    const y = this.nodeAt(B, cb);
    const yNext = this.nodeAt(B, cb + 1);
    const delta = this.d(x, yNext) + this.d(y, xNext) - this.d(x, xNext) - this.d(y, yNext);
    if (delta >= -EPS) return false;
    const la = ra.nodes.length;
    const lb = rb.nodes.length;
    // Sizes and loads of the two new routes.
    if (ca + (lb - cb) > (m.vMaxStops[A] as number) || cb + (la - ca) > (m.vMaxStops[B] as number)) return false;
    if ((ra.cum[ca] as number) + rb.load - (rb.cum[cb] as number) > (m.vCap[A] as number) + EPS) return false;
    if ((rb.cum[cb] as number) + ra.load - (ra.cum[ca] as number) > (m.vCap[B] as number) + EPS) return false;
    // Each head reaches the other's tail by that tail's latest start.
    const n = m.n;
    const sx = ca === 0 ? 0 : (m.service[x] as number);
    const sy = cb === 0 ? 0 : (m.service[y] as number);
    if ((ra.st[ca] as number) + sx + (m.time[x * n + yNext] as number) > (rb.lat[cb + 1] as number) + EPS) return false;
    if ((rb.st[cb] as number) + sy + (m.time[y * n + xNext] as number) > (ra.lat[ca + 1] as number) + EPS) return false;
    if (m.allowed !== null) {
      for (let p = cb; p < lb; p++) if (!m.isAllowed(rb.nodes[p] as number, A)) return false;
      for (let p = ca; p < la; p++) if (!m.isAllowed(ra.nodes[p] as number, B)) return false;
    }
    const headA = ra.nodes.slice(0, ca);
    const tailA = ra.nodes.slice(ca);
    const headB = rb.nodes.slice(0, cb);
    const tailB = rb.nodes.slice(cb);
    ra.nodes = headA.concat(tailB);
    rb.nodes = headB.concat(tailA);
    for (const node of tailB) s.routeOf[node] = A;
    for (const node of tailA) s.routeOf[node] = B;
    s.update(A);
    s.update(B);
    this.markDirty(A);
    this.markDirty(B);
    return true;
  }

  /**
   * Local search on `sol` until no move improves it: relocate, swap and 2-opt* between each customer and its
   * nearest customers (a granular neighbourhood, as in HGS), first improvement, each move checked in O(1)
   * with the routes' forward start times and backward latest starts.
   */
  localSearch() {
    const m = this.m;
    const s = this.sol;
    const C = m.custCount;
    const K = Math.min(GRANULAR, C - 1);
    if (K <= 0) return;
    const order = this.lsOrder;
    for (let pass = 0; pass < 100; pass++) {
      let improved = false;
      this.rng.shuffle(order);
      for (const ci of order) {
        const u = m.custNodes[ci] as number;
        for (let k = 0; k <= K; k++) {
          if ((s.routeOf[u] as number) < 0) break;
          const v = m.adjacency[ci * C + k] as number;
          if (v === u || (s.routeOf[v] as number) < 0) continue;
          if (this.tryRelocate(u, v) || this.trySwap(u, v) || this.tryTwoOptStar(u, v)) improved = true;
        }
      }
      if (!improved) return;
    }
  }

  /** SISR's ruin: strings from routes near a random seed customer. */
  ruin() {
    const m = this.m;
    const s = this.sol;
    const rng = this.rng;
    const removed = this.removed;
    // The unassigned are always reinserted.
    for (const u of s.unassigned) removed.push(u);
    s.unassigned.length = 0;
    let served = 0;
    let used = 0;
    for (const r of s.routes) {
      if (r.nodes.length > 0) {
        served += r.nodes.length;
        used++;
      }
    }
    if (served === 0) return;
    const avgLen = served / used;
    const lsMax = Math.min(this.maxString, avgLen);
    const ksMax = (4 * this.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.max(1, Math.floor(rng.next() * ksMax) + 1);
    const C = m.custCount;
    let seedIdx = rng.int(0, C - 1);
    // Start from a served customer.
    for (let tries = 0; tries < C && (s.routeOf[m.custNodes[seedIdx] as number] as number) < 0; tries++) {
      seedIdx = seedIdx + 1 === C ? 0 : seedIdx + 1;
    }
    let ruinedCount = 0;
    const ruinedList: number[] = [];
    for (let i = 0; i < C && ruinedCount < ks; i++) {
      const c = m.adjacency[seedIdx * C + i] as number;
      const v = s.routeOf[c] as number;
      if (v < 0 || this.ruined[v]) continue;
      this.ruined[v] = 1;
      ruinedList.push(v);
      ruinedCount++;
      const r = s.routes[v] as Route;
      const len = r.nodes.length;
      const lMax = Math.min(len, lsMax);
      const l = ruinedCount === 1 && rng.next() < ROUTE_RUIN ? len : Math.floor(rng.next() * lMax) + 1;
      const pos = r.nodes.indexOf(c);
      if (l === len || rng.next() < 0.5 || l + 1 > len) {
        // A string of l customers containing c.
        const from = rng.int(Math.max(0, pos - l + 1), Math.min(pos, len - l));
        for (const node of r.nodes.splice(from, l)) {
          s.routeOf[node] = -1;
          removed.push(node);
        }
      } else {
        // A split string: l + keep consecutive customers containing c, of which `keep` in the middle stay.
        let keep = 1;
        while (l + keep < len && rng.next() < SPLIT_KEEP) keep++;
        const total = l + keep;
        const from = rng.int(Math.max(0, pos - total + 1), Math.min(pos, len - total));
        const keepAt = from + rng.int(0, l);
        const kept: number[] = [];
        const out: number[] = [];
        for (let j = from; j < from + total; j++) {
          const node = r.nodes[j] as number;
          if (j >= keepAt && j < keepAt + keep) kept.push(node);
          else out.push(node);
        }
        r.nodes.splice(from, total, ...kept);
        for (const node of out) {
          s.routeOf[node] = -1;
          removed.push(node);
        }
      }
      s.update(v);
      this.markDirty(v);
    }
    for (const v of ruinedList) this.ruined[v] = 0;
  }
}

/** Whether a customer node could be served on vehicle v alone, and why not. */
function aloneReason(m: Model, u: number, v: number): UnassignedReason | null {
  if (!m.isAllowed(u, v)) return 'no-vehicle';
  if ((m.vMaxStops[v] as number) < 1 || (m.demand[u] as number) > (m.vCap[v] as number) + EPS) return 'capacity';
  const n = m.n;
  const s = m.vStart[v] as number;
  const e = m.vEnd[v] as number;
  const arrive = (m.vEarliest[v] as number) + (m.time[s * n + u] as number);
  const start = Math.max(arrive, m.ready[u] as number);
  if (start > (m.due[u] as number) + EPS) return 'time-window';
  if (start + (m.service[u] as number) + (m.time[u * n + e] as number) > (m.vLatest[v] as number) + EPS) return 'shift';
  return null;
}

const REASON_RANK: Record<UnassignedReason, number> = {
  'no-vehicle': 0,
  capacity: 1,
  'time-window': 2,
  shift: 3,
  'no-room': 4,
};

/**
 * Solves a VRPTW. Deterministic for a given seed and budget (see `SearchBudget`); the default budget scales
 * with the number of customers (15 ms each, 50 ms to 2 s).
 */
export function solveVrptw(problem: VrpProblem, options: VrpOptions = {}): VrpResult {
  const m = new Model(problem);
  const C = m.custCount;
  const deadline = new Deadline(options, Math.min(2000, Math.max(50, 15 * C)));
  const rng = new Random(options.seed ?? 1);
  const search = new Search(m, rng, options);
  const impossible = new Map<number, UnassignedReason>();
  for (let i = 0; i < C; i++) {
    const u = m.custNodes[i] as number;
    let reason: UnassignedReason | null = 'no-vehicle';
    for (let v = 0; v < m.vehicleCount && reason !== null; v++) {
      const r = aloneReason(m, u, v);
      if (r === null || REASON_RANK[r] > REASON_RANK[reason]) reason = r;
    }
    if (reason !== null) impossible.set(u, reason);
    else search.removed.push(u);
  }
  // Construction: every customer that can be served alone, inserted cheapest-first in a demand order.
  const sol = search.sol;
  search.recreate(false);
  const construction = { distance: sol.distance(), unassigned: sol.unassigned.length + impossible.size };
  search.clearDirty();
  search.cur.copyFrom(sol);
  search.best.copyFrom(sol);
  let curCost = search.cost(sol);
  let bestCost = curCost;
  // Temperatures relative to the mean arc of the construction, so the schedule does not depend on units.
  const arcs = C + m.vehicleCount;
  const meanArc = arcs > 0 ? Math.max(construction.distance / arcs, EPS) : 1;
  const t0 = 0.6 * meanArc;
  const tf = 0.003 * meanArc;
  if (C > 0) {
    while (!deadline.tick()) {
      search.ruin();
      search.recreate(true);
      const cost = search.cost(sol);
      const temperature = t0 * (tf / t0) ** deadline.progress();
      if (cost < curCost - temperature * Math.log(1 - rng.next())) {
        for (const v of search.dirtyList) search.cur.copyRouteFrom(sol, v);
        search.cur.unassigned = sol.unassigned.slice();
        curCost = cost;
        if (cost < bestCost - EPS) {
          bestCost = cost;
          search.best.copyFrom(sol);
        }
      } else {
        for (const v of search.dirtyList) sol.copyRouteFrom(search.cur, v);
        sol.unassigned = search.cur.unassigned.slice();
        for (const u of sol.unassigned) sol.routeOf[u] = -1;
      }
      search.clearDirty();
    }
  }
  // A last local search on the best. Measured on Solomon's instances, running it on the construction or on
  // every new best made the annealing worse (it settles early in a deep local optimum); at the end it only helps.
  sol.copyFrom(search.best);
  search.localSearch();
  search.clearDirty();
  if (search.cost(sol) < bestCost - EPS) search.best.copyFrom(sol);
  return result(m, search.best, impossible, construction, deadline.iterations);
}

function result(
  m: Model,
  s: Solution,
  impossible: Map<number, UnassignedReason>,
  construction: VrpResult['construction'],
  iterations: number,
): VrpResult {
  const routes: VrpRouteResult[] = s.routes.map((r, v) => {
    const len = r.nodes.length;
    const arrival: number[] = [];
    const start: number[] = [];
    let prev = m.vStart[v] as number;
    for (let i = 0; i < len; i++) {
      const node = r.nodes[i] as number;
      arrival.push(
        (r.st[i] as number) + (m.service[prev] as number) * (i > 0 ? 1 : 0) + (m.time[prev * m.n + node] as number),
      );
      start.push(r.st[i + 1] as number);
      prev = node;
    }
    return {
      vehicle: v,
      customers: r.nodes.map((node) => m.customerOf[node] as number),
      arrival,
      start,
      departure: m.vEarliest[v] as number,
      returnTime: len === 0 ? (m.vEarliest[v] as number) : (r.st[len + 1] as number),
      distance: r.dist,
      load: r.load,
    };
  });
  const unassigned = [
    ...[...impossible].map(([node, reason]) => ({ customer: m.customerOf[node] as number, reason })),
    ...s.unassigned.map((node) => ({ customer: m.customerOf[node] as number, reason: 'no-room' as const })),
  ].sort((a, b) => a.customer - b.customer);
  return { routes, unassigned, distance: s.distance(), construction, iterations };
}
