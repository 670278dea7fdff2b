// Dissolves labelled mesh cells into polygons by cancelling shared edges. Works on vertex ids, not
// floats, so two regions that touch share their common boundary exactly.
import { type Mesh, signedArea } from './mesh.ts'
import type { Xy } from './plane.ts'

/** A polygon as rings of plane points: the first ring counterclockwise, holes clockwise. */
export type PlanePolygon = Xy[][]

/**
 * Returns, per label, the polygons that the cells with that label form. Sites labelled with
 * `undefined` are left out.
 */
export function dissolve<L>(
  mesh: Mesh,
  labels: readonly (L | undefined)[],
): Map<L, PlanePolygon[]> {
  const edgesByLabel = new Map<L, Map<number, number>>()
  const key = (a: number, b: number) => a * 4194304 + b // vertex ids stay below 2^22
  const edgeSets = new Map<L, Set<number>>()
  for (let i = 0; i < mesh.guardStart; i++) {
    const label = labels[i]
    if (label === undefined) continue
    let set = edgeSets.get(label)
    if (!set) {
      set = new Set()
      edgeSets.set(label, set)
    }
    const ring = mesh.cells[i] as number[]
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k] as number
      const b = ring[(k + 1) % ring.length] as number
      const reverse = key(b, a)
      if (set.has(reverse)) set.delete(reverse)
      else set.add(key(a, b))
    }
  }
  for (const [label, set] of edgeSets) {
    const next = new Map<number, number>()
    for (const k of set) {
      const a = Math.floor(k / 4194304)
      const b = k % 4194304
      if (next.has(a)) throw new Error('dissolve: two boundary edges leave one vertex')
      next.set(a, b)
    }
    edgesByLabel.set(label, next)
  }

  const out = new Map<L, PlanePolygon[]>()
  for (const [label, next] of edgesByLabel) {
    const rings: Xy[][] = []
    const seen = new Set<number>()
    // start points in ascending id order keep the output independent of Map iteration quirks
    for (const start of [...next.keys()].sort((a, b) => a - b)) {
      if (seen.has(start)) continue
      const ring: Xy[] = []
      let v = start
      do {
        seen.add(v)
        const p = mesh.vertices[v] as Xy
        const last = ring[ring.length - 1]
        if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p)
        v = next.get(v) as number
      } while (v !== start)
      if (ring.length >= 3) rings.push(ring)
    }
    out.set(label, assembleRings(rings))
  }
  return out
}

/** Groups counterclockwise outer rings with the clockwise holes inside them; rings come back closed. */
export function assembleRings(rings: readonly Xy[][]): PlanePolygon[] {
  const outers: PlanePolygon[] = []
  const holes: Xy[][] = []
  for (const ring of rings) {
    if (signedArea(ring) > 0) outers.push([ring])
    else holes.push(ring)
  }
  for (const hole of holes) {
    const p = hole[0] as Xy
    const owner = outers
      .filter((poly) => pointInRing(p, poly[0] as Xy[]))
      .sort((a, b) => signedArea(a[0] as Xy[]) - signedArea(b[0] as Xy[]))[0]
    if (!owner) throw new Error('dissolve: a hole outside every outer ring')
    owner.push(hole)
  }
  return outers.map((poly) => poly.map((ring) => [...ring, ring[0] as Xy]))
}

export function pointInRing(
  p: readonly [number, number],
  ring: readonly (readonly [number, number])[],
): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as readonly [number, number]
    const b = ring[j] as readonly [number, number]
    if (
      a[1] > p[1] !== b[1] > p[1] &&
      p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]
    ) {
      inside = !inside
    }
  }
  return inside
}
