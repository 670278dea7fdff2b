// The urban core of the county town (Weishan: 南诏镇): a disc of 2–2.5 km around the county seat
// with a gently wavy edge, cut into 20–30 straight-edged Voronoi cells (Lloyd-relaxed, so even).
import { Delaunay } from 'd3-delaunay'
import { type LngLat, toLngLat, type Xy } from './plane.ts'
import { type Rng, randomInt, uniform } from './prng.ts'

export const coreDefaults = {
  radiusKm: [2.0, 2.5], // the core edge stays between these distances from the county seat
  edgeVertices: 96, // vertices of the core outline
  cells: [22, 28], // number of core grids, drawn in this range
  lloydIterations: 8,
  sampleStepKm: 0.05, // Lloyd centroids are taken over a lattice with this step
  siteSpacingKm: 0.4, // seeds start at least this far apart
}

export type CoreOptions = Partial<Pick<typeof coreDefaults, 'radiusKm' | 'siteSpacingKm'>>

export interface Core {
  /** the core outline, a closed counterclockwise ring */
  outline: LngLat[]
  /** the outline in the plane, for containment tests */
  outlineXy: Xy[]
  /** one Voronoi cell per core grid (closed rings, unclipped); the core clips them */
  cells: { site: Xy; ring: LngLat[] }[]
  maxRadiusKm: number
}

export function buildCore(centre: Xy, rng: Rng, options: CoreOptions = {}): Core {
  const o = { ...coreDefaults, ...options }
  const [rMin, rMax] = o.radiusKm as [number, number]
  const mid = (rMin + rMax) / 2
  const waves = [1, 2, 3, 5].map((k) => ({
    k,
    phase: uniform(rng, 0, 2 * Math.PI),
    amp: uniform(rng, 0.3, 1),
  }))
  const norm = waves.reduce((s, w) => s + w.amp, 0)
  const radius = (theta: number) =>
    mid +
    (((rMax - rMin) / 2) * waves.reduce((s, w) => s + w.amp * Math.sin(w.k * theta + w.phase), 0)) /
      norm
  const outlineXy: Xy[] = []
  for (let i = 0; i < o.edgeVertices; i++) {
    const theta = (2 * Math.PI * i) / o.edgeVertices
    const r = radius(theta)
    outlineXy.push([centre[0] + r * Math.cos(theta), centre[1] + r * Math.sin(theta)])
  }
  const inside = (p: Xy) => {
    const theta = Math.atan2(p[1] - centre[1], p[0] - centre[0])
    return (
      Math.hypot(p[0] - centre[0], p[1] - centre[1]) <
      radius(theta < 0 ? theta + 2 * Math.PI : theta)
    )
  }

  // seeded sites, then Lloyd relaxation over a fine lattice so the cells come out even
  const count =
    (o.cells[0] as number) + randomInt(rng, (o.cells[1] as number) - (o.cells[0] as number) + 1)
  const sites: Xy[] = []
  while (sites.length < count) {
    const p: Xy = [centre[0] + uniform(rng, -rMax, rMax), centre[1] + uniform(rng, -rMax, rMax)]
    if (inside(p) && sites.every((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) > o.siteSpacingKm))
      sites.push(p)
  }
  const samples: Xy[] = []
  for (let x = -rMax; x <= rMax; x += o.sampleStepKm) {
    for (let y = -rMax; y <= rMax; y += o.sampleStepKm) {
      const p: Xy = [centre[0] + x, centre[1] + y]
      if (inside(p)) samples.push(p)
    }
  }
  for (let it = 0; it < o.lloydIterations; it++) {
    const sum = sites.map(() => [0, 0, 0])
    for (const p of samples) {
      let best = 0
      let bestD = Infinity
      sites.forEach((s, i) => {
        const d = (s[0] - p[0]) ** 2 + (s[1] - p[1]) ** 2
        if (d < bestD) {
          bestD = d
          best = i
        }
      })
      const acc = sum[best] as number[]
      acc[0] = (acc[0] as number) + p[0]
      acc[1] = (acc[1] as number) + p[1]
      acc[2] = (acc[2] as number) + 1
    }
    sum.forEach((acc, i) => {
      if ((acc[2] as number) > 0)
        sites[i] = [
          (acc[0] as number) / (acc[2] as number),
          (acc[1] as number) / (acc[2] as number),
        ]
    })
  }

  const flat = new Float64Array(sites.flat())
  const pad = rMax * 3
  const voronoi = new Delaunay(flat).voronoi([
    centre[0] - pad,
    centre[1] - pad,
    centre[0] + pad,
    centre[1] + pad,
  ])
  const cells = sites.map((site, i) => {
    const ring = voronoi.cellPolygon(i)
    if (!ring) throw new Error('core: a degenerate Voronoi cell')
    return { site, ring: ring.map((p) => toLngLat(p)) }
  })
  const outline = [...outlineXy, outlineXy[0] as Xy].map((p) => toLngLat(p))
  return { outline, outlineXy, cells, maxRadiusKm: rMax }
}
