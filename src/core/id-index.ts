/**
 * A hash index from string ids to positions, for a million deal ids. A JS Map spent most of a
 * second on them (hashing fresh strings and growing its table); this open-addressing table over
 * an Int32Array stores only positions and compares ids through `idAt`.
 */
export class IdIndex {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  /** `idAt(i)` gives the id stored at position i (the index stores only positions). */
  constructor(
    private readonly idAt: (position: number) => string,
    expected = 16,
  ) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `position` under its id unless the id is present; returns the position already stored, or undefined. */
  add(position: number): number | undefined {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    const id = this.idAt(position);
    let slot = hash(id) & this.mask;
    for (;;) {
      const at = this.table[slot] ?? -1;
      if (at < 0) {
        this.table[slot] = position;
        this.count++;
        return undefined;
      }
      if (this.idAt(at) === id) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The position stored for `id`. */
  get(id: string): number | undefined {
    let slot = hash(id) & this.mask;
    for (;;) {
      const at = this.table[slot] ?? -1;
      if (at < 0) return undefined;
      if (this.idAt(at) === id) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.table.length - 1;
    for (const at of old) {
      if (at < 0) continue;
      let slot = hash(this.idAt(at)) & this.mask;
      while ((this.table[slot] ?? -1) >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = at;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
