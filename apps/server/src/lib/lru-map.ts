/** A bounded map, least recently used out first: reading an entry makes it the most recent. */
export class LruMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: V): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/**
 * One LruMap of `maxEntries` per database handle, made on first use: a process's cache for each handle (tests
 * copy one template into databases whose versions may coincide), a transaction's starting empty.
 */
export function lruPerHandle<V>(maxEntries: number): (db: object) => LruMap<V> {
  const maps = new WeakMap<object, LruMap<V>>();
  return (db) => {
    let map = maps.get(db);
    if (!map) {
      map = new LruMap<V>(maxEntries);
      maps.set(db, map);
    }
    return map;
  };
}
