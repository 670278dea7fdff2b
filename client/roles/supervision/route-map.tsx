// A round's route on the base map every screen uses (county, townships, rivers, seats): its findings
// numbered in the order found, joined into the route, coloured by where each stands now.
import type { Layer } from '@deck.gl/core'
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import { useMemo } from 'react'
import { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import type { RoundDetail } from '../../features/supervision/api.ts'
import { cssFontFamily } from '../../lib/fonts.ts'
import type { BBox } from '../../map/map-view.tsx'
import { MapView } from '../../map/map-view.tsx'
import { themes } from '../../map/themes.ts'

type Finding = RoundDetail['findings']['features'][number]
type Rgb = [number, number, number]

const routeColor: Rgb = [37, 99, 235]
const findingColor = (f: Finding): Rgb =>
  f.properties.overdue
    ? [220, 38, 38] // 逾期
    : f.properties.status === 'closed'
      ? [22, 163, 74] // 已销号
      : [245, 158, 11] // 办理中
const minSpanDeg = 0.01 // ~1 km: a round with one finding still shows its streets
const padding = { top: 40, bottom: 40, left: 40, right: 40 } // px: a marker's radius and more

const baseVisibility = { boundaries: true, townships: true, rivers: true, villages: true }

/** The findings' box, at least minSpanDeg wide and tall. */
function boundsOf(findings: readonly Finding[]): BBox {
  const lngs = findings.map((f) => f.geometry.coordinates[0])
  const lats = findings.map((f) => f.geometry.coordinates[1])
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)]
  const padLng = Math.max(0, minSpanDeg - (e - w)) / 2
  const padLat = Math.max(0, minSpanDeg - (n - s)) / 2
  return [w - padLng, s - padLat, e + padLng, n + padLat]
}

export function RouteMap({ detail }: { detail: RoundDetail }) {
  const { baseSources, settled } = useBaseMapData()
  const findings = detail.findings.features
  const bounds = useMemo(() => boundsOf(findings), [findings])
  const layers = useMemo(
    (): Layer[] => [
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
        getLineColor: [255, 255, 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        radiusUnits: 'pixels',
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
    [findings],
  )
  if (findings.length === 0)
    return <p className="muted">本轮尚无发现：上报时选择本轮次，问题即出现在路线上。</p>
  return (
    <figure className="route-map" data-testid="round-route" aria-label="督查路线与发现">
      <MapView
        theme={themes.light}
        scale={1}
        bounds={bounds}
        padding={padding}
        baseSources={baseSources}
        baseVisibility={baseVisibility}
        layers={layers}
        ready={settled}
        controls={false}
        // the figure gets its size after the map is made: fit again once it is loaded
        onMap={(map) => map?.fitBounds(bounds, { padding, animate: false })}
      />
      <p className="route-map__legend">
        <span className="dot dot--open" />
        办理中 <span className="dot dot--overdue" />
        逾期 <span className="dot dot--closed" />
        已销号 · 数字为发现顺序，蓝线为督查路线
      </p>
    </figure>
  )
}
