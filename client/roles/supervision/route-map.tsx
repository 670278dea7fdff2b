// A round's route on the base map every screen uses (county, townships, rivers, seats): its findings
// numbered in the order found, joined into the route, coloured by where each stands now; and its
// coverage — check point targets as rings, township targets as outlines, 已到 in teal, 未到 in grey.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import { checkpointsQuery } from '../../features/checkpoints/api.ts'
import type { RoundDetail } from '../../features/supervision/api.ts'
import { cssFontFamily } from '../../lib/fonts.ts'
import { whiteRimmedDot } from '../../map/dot-style.ts'
import { insetMap } from '../../map/inset-map.ts'
import { MapView } from '../../map/map-view.tsx'
import {
  coverageBounds,
  coverageCounts,
  type PlacedOutline,
  type PlacedPoint,
  placeTargets,
} from './route-coverage.ts'

type Finding = RoundDetail['findings']['features'][number]
type Rgb = [number, number, number]

const routeColor: Rgb = [37, 99, 235]
const findingColor = (f: Finding): Rgb =>
  f.properties.overdue
    ? [220, 38, 38] // 逾期
    : f.properties.status === 'closed'
      ? [22, 163, 74] // 已销号
      : [245, 158, 11] // 办理中
// coverage: the same two colours in the legend (supervision.css .swatch--visited / --pending)
const visitedColor: Rgb = [13, 148, 136] // 已到, teal
const pendingColor: Rgb = [100, 116, 139] // 未到, slate grey
const coverageColor = (t: { visited: boolean }) => (t.visited ? visitedColor : pendingColor)
const padding = { top: 40, bottom: 40, left: 40, right: 40 } // px: a marker's radius and more

export function RouteMap({ detail }: { detail: RoundDetail }) {
  const { baseSources, settled, townships } = useBaseMapData()
  const checkpoints = useQuery(checkpointsQuery())
  const findings = detail.findings.features
  const targets = detail.coverage.targets
  const placed = useMemo(
    () => placeTargets(targets, townships.data?.features ?? [], checkpoints.data?.features ?? []),
    [targets, townships.data, checkpoints.data],
  )
  const bounds = useMemo(
    () =>
      coverageBounds(
        findings.map((f) => f.geometry.coordinates),
        placed,
      ),
    [findings, placed],
  )
  const counts = coverageCounts(targets)
  const layers = useMemo(
    (): Layer[] => [
      new GeoJsonLayer({
        id: 'round-target-townships',
        data: placed.outlines.map((o) => ({
          type: 'Feature' as const,
          geometry: o.geometry,
          properties: o,
        })),
        stroked: true,
        filled: true,
        getFillColor: (f: { properties: PlacedOutline }) => [...coverageColor(f.properties), 28],
        getLineColor: (f: { properties: PlacedOutline }) => [...coverageColor(f.properties), 230],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        pickable: true,
      }) as Layer,
      new ScatterplotLayer<PlacedPoint>({
        id: 'round-target-checkpoints',
        data: placed.points,
        pickable: true, // e2e checks each target is drawn where MapLibre projects it
        getPosition: (p) => p.position,
        // 已到: a filled teal disc; 未到: a hollow grey ring
        filled: true,
        getFillColor: (p) => (p.visited ? [...visitedColor, 200] : [255, 255, 255, 160]),
        getLineColor: (p) => [...coverageColor(p), 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        radiusUnits: 'pixels',
        getRadius: 8,
      }) as Layer,
      new PathLayer<Finding[]>({
        id: 'round-route',
        data: findings.length > 1 ? [findings] : [],
        getPath: (d) => d.map((f) => f.geometry.coordinates),
        getColor: [...routeColor, 200],
        getWidth: 3,
        widthUnits: 'pixels',
        jointRounded: true,
        capRounded: true,
      }) as Layer,
      new ScatterplotLayer<Finding>({
        id: 'round-findings',
        data: findings,
        pickable: true, // e2e checks each finding is drawn where MapLibre projects it
        getPosition: (f) => f.geometry.coordinates,
        getFillColor: findingColor,
        ...whiteRimmedDot,
        getLineWidth: 2,
        getRadius: 11,
      }) as Layer,
      new TextLayer<Finding>({
        id: 'round-order',
        data: findings,
        getPosition: (f) => f.geometry.coordinates,
        getText: (f) => String(f.properties.order),
        getColor: [255, 255, 255],
        getSize: 13,
        fontFamily: cssFontFamily,
        fontWeight: 700,
      }) as Layer,
    ],
    [findings, placed],
  )
  const legend = (
    <p className="route-map__legend" data-testid="coverage-legend">
      <span className="dot dot--open" />
      办理中 <span className="dot dot--overdue" />
      逾期 <span className="dot dot--closed" />
      已销号 · 数字为发现顺序，蓝线为路线 · <span className="swatch swatch--visited" />
      已到 <span className="swatch swatch--pending" />
      未到（点位为圆环，乡镇为轮廓）· 已到 {counts.all.visited} / 共 {counts.all.total}
      {placed.unplaced > 0 && `（${placed.unplaced} 个对象无图上位置，见下方列表）`}
    </p>
  )
  if (!bounds)
    return (
      <p className="muted">
        本轮尚无发现，督查对象也无图上位置：上报时选择本轮次，问题即出现在路线上。
      </p>
    )
  return (
    <figure className="route-map" data-testid="round-route" aria-label="督查路线、发现与覆盖">
      <MapView
        {...insetMap}
        bounds={bounds}
        padding={padding}
        baseSources={baseSources}
        layers={layers}
        ready={settled}
        controls={false}
        // the figure gets its size after the map is made: fit again once it is loaded
        onMap={(map) => map?.fitBounds(bounds, { padding, animate: false })}
      />
      {legend}
    </figure>
  )
}
