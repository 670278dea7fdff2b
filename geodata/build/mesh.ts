// A seeded Voronoi mesh over the county: the fine "filler" cells that township and grid lines
// follow. Regions are unions of whole cells, so neighbours share every interior vertex exactly.
import { Delaunay } from 'd3-delaunay'
import type { Xy } from './plane.ts'
import { type Rng, uniform } from './prng.ts'

export interface Mesh {
  spacingKm: number
  sites: Xy[]
  /** index of the first guard site: sites from here on lie outside the county */
  guardStart: number
  /** Voronoi vertices (triangle circumcentres), plane km */
  vertices: Xy[]
  /** per site: its cell as a counterclockwise ring of vertex ids (empty for guard sites) */
  cells: number[][]
  /** per site: the sites whose cells share an edge with it */
  neighbors: number[][]
  delaunay: Delaunay
}

export interface MeshOptions {
  spacingKm: number // lattice spacing of the filler sites
  jitter: number // random shift as a fraction of the spacing
  guardMarginKm: number // guard ring distance outside the county bbox
}

/**
 * Builds the mesh from fixed sites (seats, village points), which keep their index order, plus a
 * jittered hexagonal lattice inside the county and a ring of guard sites around it, so every
 * inner cell is bounded and no vertex needs clipping.
 */
export function buildMesh(
  fixed: readonly Xy[],
  inside: (p: Xy) => boolean,
  bbox: readonly [number, number, number, number],
  rng: Rng,
  options: MeshOptions,
): Mesh {
  const { spacingKm: s, jitter, guardMarginKm } = options
  const sites: Xy[] = fixed.map((p) => [p[0], p[1]])
  const [x0, y0, x1, y1] = bbox
  const rowHeight = (s * Math.sqrt(3)) / 2
  const minGap = s * 0.5 // keep lattice sites off the fixed ones
  for (let row = 0, y = y0; y <= y1; row++, y += rowHeight) {
    for (let x = x0 + (row % 2 ? s / 2 : 0); x <= x1; x += s) {
      const p: Xy = [x + uniform(rng, -jitter, jitter) * s, y + uniform(rng, -jitter, jitter) * s]
      if (!inside(p)) continue
      if (fixed.some((f) => Math.hypot(f[0] - p[0], f[1] - p[1]) < minGap)) continue
      sites.push(p)
    }
  }
  const guardStart = sites.length
  const gx0 = x0 - guardMarginKm
  const gx1 = x1 + guardMarginKm
  const gy0 = y0 - guardMarginKm
  const gy1 = y1 + guardMarginKm
  const step = s * 2
  for (let x = gx0; x < gx1; x += step) sites.push([x, gy0], [x + step / 2, gy1])
  for (let y = gy0 + step / 2; y < gy1; y += step) sites.push([gx0, y], [gx1, y + step / 2])

  const flat = new Float64Array(sites.length * 2)
  sites.forEach((p, i) => {
    flat[2 * i] = p[0]
    flat[2 * i + 1] = p[1]
  })
  const delaunay = new Delaunay(flat)
  const pad = guardMarginKm * 10
  const voronoi = delaunay.voronoi([gx0 - pad, gy0 - pad, gx1 + pad, gy1 + pad])
  const cc = voronoi.circumcenters
  const vertices: Xy[] = []
  for (let t = 0; t < cc.length / 2; t++)
    vertices.push([cc[2 * t] as number, cc[2 * t + 1] as number])

  const cells: number[][] = []
  const neighbors: number[][] = []
  const { inedges, halfedges, triangles } = delaunay
  for (let i = 0; i < sites.length; i++) {
    // two inner cells count as neighbours only if they touch inside the county, judged by the
    // midpoint of their sites (a concave county line can separate cells that touch outside it)
    const own = sites[i] as Xy
    neighbors.push(
      [...delaunay.neighbors(i)]
        .filter((j) => {
          if (i >= guardStart || j >= guardStart) return true
          const other = sites[j] as Xy
          return inside([(own[0] + other[0]) / 2, (own[1] + other[1]) / 2])
        })
        .sort((a, b) => a - b),
    )
    if (i >= guardStart) {
      cells.push([])
      continue
    }
    // walk the triangles around site i (same walk as d3-delaunay's Voronoi._cell)
    const ring: number[] = []
    const e0 = inedges[i] as number
    if (e0 === -1) throw new Error(`mesh: site ${i} coincides with another`)
    let e = e0
    do {
      ring.push(Math.floor(e / 3))
      e = e % 3 === 2 ? e - 2 : e + 1
      if (triangles[e] !== i) throw new Error('mesh: bad triangulation')
      e = halfedges[e] as number
    } while (e !== e0 && e !== -1)
    if (e === -1) throw new Error(`mesh: site ${i} is on the hull; widen the guard ring`)
    if (signedArea(ring.map((v) => vertices[v] as Xy)) < 0) ring.reverse()
    cells.push(ring)
  }
  return { spacingKm: s, sites, guardStart, vertices, cells, neighbors, delaunay }
}

/** Shoelace area; positive for counterclockwise rings (open or closed). */
export function signedArea(ring: readonly (readonly [number, number])[]): number {
  let a = 0
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i] as readonly [number, number]
    const q = ring[(i + 1) % n] as readonly [number, number]
    a += p[0] * q[1] - q[0] * p[1]
  }
  return a / 2
}
