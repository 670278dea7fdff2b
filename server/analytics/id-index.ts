// The row of each issue id in IssueColumns: an open-addressing hash table over an Int32Array (linear
// probing, backward-shift deletion) that holds rows only and reads the ids from the columns. A Map of
// 5M ids took 7 s to build at start-up and kept hundreds of MB on the GC's heap; this builds in a
// fraction of a second, outside it.

const emptySlot = 0 // a slot holds row + 1, so a zeroed array is an empty table
const maxLoad = 0.5 // slots at most half full: probes stay short

/** A 32-bit hash of a string: FNV-1a, then murmur3's finaliser so sequential ids spread out. */
function hashOf(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export class IdIndex {
  size = 0
  private slots: Int32Array
  private mask: number
  private readonly idOf: (row: number) => string | undefined

  /** `idOf(row)`: the id the columns hold at a row, read at each lookup (rows move on removal). */
  constructor(idOf: (row: number) => string | undefined, rows = 1024) {
    this.idOf = idOf
    this.slots = new Int32Array(slotsFor(rows))
    this.mask = this.slots.length - 1
  }

  /** The row of `id`, or -1. */
  get(id: string): number {
    const slot = this.find(id)
    return slot < 0 ? -1 : (this.slots[slot] as number) - 1
  }

  /** Points `id` at `row`: a new entry, or an update of its row. The columns hold `id` at `row`
   *  already, or at its previous row (an update reads the previous one to find it). */
  set(id: string, row: number): void {
    if (this.size + 1 > this.slots.length * maxLoad) this.rehash(this.slots.length * 2)
    // one walk along the run: its entry for `id`, or the empty slot that ends it
    for (let slot = hashOf(id) & this.mask; ; slot = (slot + 1) & this.mask) {
      const value = this.slots[slot] as number
      if (value !== emptySlot && this.idOf(value - 1) !== id) continue
      if (value === emptySlot) this.size++
      this.slots[slot] = row + 1
      return
    }
  }

  /** Drops `id` while the columns still hold it at its row. False when absent. */
  delete(id: string): boolean {
    let hole = this.find(id)
    if (hole < 0) return false
    // move back each later entry of the run whose home slot does not lie after the hole
    for (let next = (hole + 1) & this.mask; this.slots[next] !== emptySlot; ) {
      const home = hashOf(this.idOf((this.slots[next] as number) - 1) as string) & this.mask
      const reachable = next > hole ? home <= hole || home > next : home <= hole && home > next
      if (reachable) {
        this.slots[hole] = this.slots[next] as number
        hole = next
      }
      next = (next + 1) & this.mask
    }
    this.slots[hole] = emptySlot
    this.size--
    return true
  }

  /** Makes room for `rows` entries without a rehash. */
  reserve(rows: number): void {
    const wanted = slotsFor(rows)
    if (wanted > this.slots.length) this.rehash(wanted)
  }

  private find(id: string): number {
    for (let slot = hashOf(id) & this.mask; ; slot = (slot + 1) & this.mask) {
      const value = this.slots[slot] as number
      if (value === emptySlot) return -1
      if (this.idOf(value - 1) === id) return slot
    }
  }

  private rehash(length: number): void {
    const old = this.slots
    this.slots = new Int32Array(length)
    this.mask = length - 1
    for (const value of old) {
      if (value === emptySlot) continue
      let slot = hashOf(this.idOf(value - 1) as string) & this.mask
      while (this.slots[slot] !== emptySlot) slot = (slot + 1) & this.mask
      this.slots[slot] = value
    }
  }
}

/** The power of two that keeps `rows` entries at most maxLoad full. */
function slotsFor(rows: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(16, rows / maxLoad)))
}
