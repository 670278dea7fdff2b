// Whether imported grids tile the county: overlaps between grids, gaps inside the county outline,
// parts outside it and broken polygons, each above a tolerance (100 m² by default: rounding and
// reprojection leave slivers far smaller). Every problem carries its geometry so the client can
// draw it, and a Chinese message. Pure; runs in the parse worker (clipping a hostile file is slow).
import {
  area,
  bbox,
  booleanPointInPolygon,
  booleanValid,
  centroid,
  difference,
  featureCollection,
  intersect,
  union,
} from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'

export type Area = Polygon | MultiPolygon

export interface TilingShape {
  code: string
  geometry: Area
}

export interface TilingIssue {
  kind: 'overlap' | 'gap' | 'outside' | 'invalid'
  codes: string[]
  areaM2: number
  message: string
  geometry: Area | null
}

type Box = [number, number, number, number]

const asFeature = (geometry: Area): Feature<Area> => ({ type: 'Feature', properties: {}, geometry })
const m2 = (geometry: Area | null | undefined) => (geometry ? area(asFeature(geometry)) : 0)
const round = (x: number) => Math.round(x)
const at = (geometry: Area) => {
  const [lng = 0, lat = 0] = centroid(asFeature(geometry)).geometry.coordinates
  return `${lng.toFixed(5)}, ${lat.toFixed(5)}`
}
const touches = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]

function pieces(geometry: Area | null | undefined): Polygon[] {
  if (!geometry) return []
  return geometry.type === 'Polygon'
    ? [geometry]
    : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
}

/** Every vertex and edge midpoint of the polygon's rings. */
function samplePoints(geometry: Area): Position[] {
  const points: Position[] = []
  for (const polygon of geometry.type === 'Polygon'
    ? [geometry.coordinates]
    : geometry.coordinates) {
    for (const ring of polygon) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x0 = 0, y0 = 0] = ring[k] ?? []
        const [x1 = 0, y1 = 0] = ring[k + 1] ?? []
        points.push([x0, y0], [(x0 + x1) / 2, (y0 + y1) / 2])
      }
    }
  }
  return points
}

const strictlyInside = (point: Position, geometry: Area) =>
  booleanPointInPolygon(point, geometry, { ignoreBoundary: true })

export function tilingReport(
  county: Area,
  grids: readonly TilingShape[],
  toleranceM2 = 100,
  noun = '网格', // what the shapes are, in the messages: 网格, 乡镇
): TilingIssue[] {
  const problems: TilingIssue[] = []
  const usable: (TilingShape & { box: Box })[] = []
  for (const grid of grids) {
    if (!booleanValid(asFeature(grid.geometry))) {
      problems.push({
        kind: 'invalid',
        codes: [grid.code],
        areaM2: 0,
        message: `${noun} ${grid.code} 的边界无效（自相交或环未闭合），请在 GIS 软件中修复几何后重新导出`,
        geometry: grid.geometry,
      })
      continue
    }
    usable.push({ ...grid, box: bbox(grid.geometry) as Box })
  }
  const covered =
    usable.length > 1
      ? union(featureCollection(usable.map((g) => asFeature(g.geometry))))
      : usable[0] && asFeature(usable[0].geometry)
  // areas add up only where nothing overlaps: look for the overlapping pairs only when they don't
  const overlapTotal = usable.reduce((sum, g) => sum + m2(g.geometry), 0) - m2(covered?.geometry)
  if (overlapTotal > toleranceM2) {
    // clipping every touching pair costs seconds for a county: first the pairs where a vertex or an
    // edge midpoint of one lies strictly inside the other, then — only if those do not account for
    // the overlapping area — every touching pair
    const samples = usable.map((g) => samplePoints(g.geometry))
    const checked = new Set<string>()
    let found = 0
    const search = (prefilter: boolean) => {
      for (let i = 0; i < usable.length; i++) {
        const a = usable[i] as (typeof usable)[number]
        for (let j = i + 1; j < usable.length; j++) {
          const b = usable[j] as (typeof usable)[number]
          const key = `${i}:${j}`
          if (checked.has(key) || !touches(a.box, b.box)) continue
          if (
            prefilter &&
            !(samples[j] ?? []).some((p) => strictlyInside(p, a.geometry)) &&
            !(samples[i] ?? []).some((p) => strictlyInside(p, b.geometry))
          ) {
            continue
          }
          checked.add(key)
          const overlap = intersect(
            featureCollection([asFeature(a.geometry), asFeature(b.geometry)]),
          )
          const size = m2(overlap?.geometry)
          if (overlap && size > toleranceM2) {
            found += size
            problems.push({
              kind: 'overlap',
              codes: [a.code, b.code],
              areaM2: round(size),
              message: `${noun} ${a.code} 与 ${b.code} 重叠约 ${round(size)} 平方米（位于 ${at(overlap.geometry)} 附近）`,
              geometry: overlap.geometry,
            })
          }
        }
      }
    }
    search(true)
    if (overlapTotal - found > toleranceM2) search(false)
  }
  const gaps = covered
    ? difference(featureCollection([asFeature(county), covered]))
    : asFeature(county)
  // the county's pieces no shape covers, and the shapes' pieces past the county line, each with the
  // shapes near it
  const piecesOver = (
    geometry: Area | null | undefined,
    kind: 'gap' | 'outside',
    message: (size: number, near: string[], where: string) => string,
  ) => {
    for (const piece of pieces(geometry)) {
      const size = m2(piece)
      if (size <= toleranceM2) continue
      const box = bbox(piece) as Box
      const near = usable.filter((g) => touches(g.box, box)).map((g) => g.code)
      problems.push({
        kind,
        codes: near.slice(0, 6),
        areaM2: round(size),
        message: message(round(size), near, at(piece)),
        geometry: piece,
      })
    }
  }
  piecesOver(
    gaps?.geometry,
    'gap',
    (size, near, where) =>
      `县域内约 ${size} 平方米不属于任何${noun}（位于 ${where} 附近${near.length ? `，邻近${noun} ${near.slice(0, 6).join('、')}` : ''}）`,
  )
  const outside = covered ? difference(featureCollection([covered, asFeature(county)])) : null
  piecesOver(
    outside?.geometry,
    'outside',
    (size, codes, where) =>
      `${noun}${codes.length ? ` ${codes.slice(0, 6).join('、')} ` : ''}超出县界约 ${size} 平方米（位于 ${where} 附近）`,
  )
  return problems
}
