// Where writes landed, so a tile's version moves only when a write touches it. Each write is a
// sequence number and a box; a tile's version is the last write whose box meets the tile (with its
// buffer), or the collection's floor (its last whole-collection change). Pure, in memory.
import type { Bbox } from '../ogc/feature-query.ts'

interface Write {
  seq: number
  bbox: Bbox
}

export class TileVersions {
  private seq = 0
  private readonly floors = new Map<string, number>() // collection → seq of its last reload
  private readonly writes = new Map<string, Write[]>() // collection → writes after the floor
  private readonly maxWrites: number

  /** `maxWrites` per collection are remembered; older ones fold into the floor (every tile moves). */
  constructor(maxWrites = 4096) {
    this.maxWrites = maxWrites
  }

  /** A write inside `bbox` (a point is a zero-size box); returns its sequence number. */
  noteWrite(collectionId: string, bbox: Bbox): number {
    const seq = ++this.seq
    let list = this.writes.get(collectionId)
    if (!list) {
      list = []
      this.writes.set(collectionId, list)
    }
    list.push({ seq, bbox })
    if (list.length > this.maxWrites) {
      const dropped = list.splice(0, list.length - this.maxWrites)
      const last = dropped[dropped.length - 1]
      if (last) this.floors.set(collectionId, last.seq)
    }
    return seq
  }

  /** The whole collection changed (a reload): every one of its tiles gets a new version. */
  noteReset(collectionId: string): number {
    const seq = ++this.seq
    this.floors.set(collectionId, seq)
    this.writes.delete(collectionId)
    return seq
  }

  /** The version of the area `bbox` of a collection: the last write that met it, or the floor. */
  versionOf(collectionId: string, bbox: Bbox): number {
    const version = this.floors.get(collectionId) ?? 0
    const list = this.writes.get(collectionId)
    if (!list) return version
    const [west, south, east, north] = bbox
    for (let i = list.length - 1; i >= 0; i--) {
      const write = list[i] as Write
      if (write.seq <= version) break // writes are in seq order
      const [w, s, e, n] = write.bbox
      if (w <= east && e >= west && s <= north && n >= south) return write.seq
    }
    return version
  }
}
