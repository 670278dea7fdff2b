// The wall's map: the dark base style, the aggregate layer on show (heatmap, hexagons or the grid
// choropleth), the 1 km township radii, township lines, and overdue places that pulse (CSS rings on
// MapLibre markers: the animation runs in the compositor, so the map itself stays idle between
// data changes). In tour mode the map flies to each township's box.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection } from 'geojson'
import * as maplibregl from 'maplibre-gl'
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { TownshipRadiusCollection } from '../../features/boundaries/api.ts'
import type { GridRow, HexCollection } from '../../features/stats/api.ts'
import {
  countBreaks,
  countLegend,
  type GridAreas,
  type HexPoint,
  heatmapRamp,
  maxOf,
  pulseSpots,
  type StatsLayerKind,
  statsLayers,
} from '../../features/stats/layers.ts'
import { toCssColor } from '../../lib/legend.ts'
import { useLayerStatus, usePlaceBounds } from '../../lib/place.ts'
import {
  type BaseSourceId,
  type BaseToggle,
  deckBeforeIds,
  placedBefore,
} from '../../map/base-style.ts'
import { themes } from '../../map/themes.ts'
import { PlaceMap } from '../../ui/place-map.tsx'
import type { TourStop } from './wall-tour.ts'

export const layerTitles: Record<StatsLayerKind, string> = {
  heatmap: '未销号问题热力图',
  hexagon: '未销号问题六边形聚合',
  grids: '网格未销号问题分布',
}

// villages only once the map is in a township: county-wide they are a field of dots
const countyBase: Record<BaseToggle, boolean> = {
  boundaries: true,
  townships: true,
  rivers: true,
  villages: false,
}
const townshipBase: Record<BaseToggle, boolean> = { ...countyBase, villages: true }

export interface WallMapProps {
  scale: number // screen px per design px
  shown: StatsLayerKind
  baseSources: Partial<Record<BaseSourceId, FeatureCollection>>
  heatBins?: HexCollection
  hexagons?: HexCollection
  hexRadiusMeters: number
  grids?: GridAreas
  gridRows?: readonly GridRow[]
  radii?: TownshipRadiusCollection
  ready: boolean
  started: boolean // false: title and legend only, no map made yet
  stop?: TourStop // fly here; absent: the whole county
  stopArea?: Feature // the stop's township, outlined
  tour?: { stops: readonly TourStop[]; index: number; seconds: number }
}

const maxPulses = 12 // more rings than this read as noise
/** The seats' dots, drawn by deck.gl above everything: where the registration e2e looks for them. */
export const seatDotColor: [number, number, number, number] = [255, 72, 176, 255]
const seatDotRadiusPx = 6 // design px

interface SeatDot {
  code: string
  lngLat: [number, number]
}
const mapLabelScale = 1.5 // map labels a size up from the panels' body text: read at 4 m

export const WallMap = memo(function WallMap(props: WallMapProps) {
  const townshipsSynthetic = useLayerStatus().townships.synthetic
  const { scale, shown } = props
  const [map, setMap] = useState<maplibregl.Map | null>(null)
  const [theme] = useState(() => themes.dark)
  const [mapScale] = useState(() => scale * mapLabelScale)
  const touring = props.tour !== undefined
  const padding = useMemo(() => paddingFor(scale, touring), [scale, touring])
  const { bounds } = usePlaceBounds() // the map itself waits for them (PlaceMap)

  const seats = props.baseSources.seats
  const seatDots = useMemo<SeatDot[]>(
    () =>
      (seats?.features ?? []).flatMap((f) =>
        f.geometry?.type === 'Point'
          ? [
              {
                code: String(f.properties?.code ?? ''),
                lngLat: f.geometry.coordinates.slice(0, 2) as [number, number],
              },
            ]
          : [],
      ),
    [seats],
  )
  const layers = useMemo<Layer[]>(
    () => [
      ...statsLayers({
        shown,
        scale,
        heatBins: props.heatBins,
        hexagons: props.hexagons,
        grids: props.grids,
        gridRows: props.gridRows,
        overdueDots: props.stop !== undefined,
        areasBeforeId: deckBeforeIds.areas,
        overlaysBeforeId: deckBeforeIds.overlays,
      }),
      new GeoJsonLayer({
        id: 'wall-township-radii',
        data: (props.radii ?? { type: 'FeatureCollection', features: [] }) as never,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2 * scale,
        getLineColor: [196, 170, 255, 230],
        ...placedBefore(deckBeforeIds.overlays),
      }) as Layer,
      new ScatterplotLayer<SeatDot>({
        id: 'wall-seats',
        data: seatDots,
        getPosition: (d) => d.lngLat,
        radiusUnits: 'pixels',
        getRadius: seatDotRadiusPx * scale,
        getFillColor: seatDotColor,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5 * scale,
        getLineColor: [12, 20, 34, 255],
        pickable: true, // the registration e2e picks the seats through deck.gl
      }) as Layer,
      new GeoJsonLayer({
        id: 'wall-stop-township',
        data: (props.stopArea ? [props.stopArea] : []) as never,
        visible: props.stopArea !== undefined,
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 4 * scale,
        getLineColor: [92, 200, 255, 255], // cyan: the county line is already yellow
        ...placedBefore(deckBeforeIds.overlays),
      }) as Layer,
    ],
    [
      shown,
      scale,
      props.heatBins,
      props.hexagons,
      props.grids,
      props.gridRows,
      props.radii,
      props.stop,
      props.stopArea,
      seatDots,
    ],
  )

  // fly to the tour's township, or back to the county; fit again whenever the map's box changes size
  // (a kiosk browser going full screen, a new display mode): MapLibre keeps centre and zoom, which
  // would cut the county off or leave it small
  const stopBox = props.stop?.bbox
  useEffect(() => {
    const box = stopBox ?? bounds
    if (!map || !box) return
    map.fitBounds(box, { padding, duration: stopBox ? 2500 : 0, essential: true })
    const refit = () => map.fitBounds(box, { padding, duration: 0 })
    map.on('resize', refit)
    return () => {
      map.off('resize', refit)
    }
  }, [map, stopBox, bounds, padding])

  usePulses(map, props.hexagons, scale)

  const legend = useMemo(() => legendOf(props), [props])
  return (
    <section className="wall-map" data-testid="wall-map" data-layer={shown}>
      {props.started ? (
        <PlaceMap
          theme={theme}
          scale={mapScale}
          padding={padding}
          baseSources={props.baseSources}
          baseVisibility={props.stop ? townshipBase : countyBase}
          layers={layers}
          ready={props.ready}
          controls={false}
          interactive={false}
          onMap={setMap}
        />
      ) : null}
      <div className="wall-map__title" data-testid="map-title">
        {layerTitles[shown]}
        {props.stop ? <span className="wall-map__place">{props.stop.name}</span> : null}
      </div>
      <div className="wall-map__legend" data-testid="map-legend">
        <div className="wall-legend__title">{legend.title}</div>
        {legend.gradient ? (
          <div className="wall-legend__gradient">
            <span>少</span>
            <span className="wall-legend__ramp" style={{ background: legend.gradient }} />
            <span>多</span>
          </div>
        ) : (
          <ul className="wall-legend__classes">
            {legend.classes.map((c) => (
              <li key={c.label}>
                <span className="wall-legend__swatch" style={{ background: toCssColor(c.color) }} />
                {c.label}
              </li>
            ))}
          </ul>
        )}
        <ul className="wall-legend__fixed">
          <li>
            <span className="wall-legend__pulse" />
            逾期问题集中处
          </li>
          <li>
            <span className="wall-legend__ring" />
            乡镇政府驻地 1 公里范围
          </li>
          <li>
            <span className="wall-legend__dash" />
            {townshipsSynthetic ? '乡镇界（示意）' : '乡镇界'}
          </li>
        </ul>
      </div>
      {props.tour ? <TourBar {...props.tour} /> : null}
    </section>
  )
})

/**
 * Room for the title (top), the tour bar (bottom) and most of the legend (bottom right): the county
 * is taller than the map is wide, so the side room costs no size.
 */
function paddingFor(scale: number, touring: boolean): maplibregl.PaddingOptions {
  const s = (n: number) => Math.round(n * scale)
  return { top: s(64), bottom: s(touring ? 120 : 24), left: s(24), right: s(200) }
}

interface Legend {
  title: string
  gradient?: string
  classes: { label: string; color: [number, number, number, number] }[]
}

function legendOf(props: WallMapProps): Legend {
  if (props.shown === 'heatmap') {
    const stops = heatmapRamp.map(
      (c, i) => `${toCssColor(c)} ${(i / (heatmapRamp.length - 1)) * 100}%`,
    )
    return {
      title: '未销号问题密度',
      gradient: `linear-gradient(90deg, ${stops.join(', ')})`,
      classes: [],
    }
  }
  if (props.shown === 'hexagon') {
    const max = maxOf((props.hexagons?.features ?? []).map((f) => f.properties.count))
    const km = props.hexRadiusMeters / 1000
    return {
      title: `每格未销号问题数（六边形边长 ${km} 公里）`,
      classes: countLegend(countBreaks(max)),
    }
  }
  const max = maxOf((props.gridRows ?? []).map((r) => r.open))
  return { title: '每个网格未销号问题数', classes: countLegend(countBreaks(max)) }
}

/**
 * Pulsing rings on the hexagons with the most overdue issues (the coarse bins, so one town is one
 * ring, not a cluster); markers are reused by position, so a refetch adds or removes only changes.
 */
function usePulses(map: maplibregl.Map | null, bins: HexCollection | undefined, scale: number) {
  const markers = useRef(new Map<string, maplibregl.Marker>())
  useEffect(() => {
    if (!map) return
    const spots = pulseSpots(bins, maxPulses)
    const wanted = new Map<string, HexPoint>(spots.map((p) => [p.position.join(','), p]))
    for (const [key, marker] of markers.current) {
      if (!wanted.has(key)) {
        marker.remove()
        markers.current.delete(key)
      }
    }
    for (const [key, spot] of wanted) {
      const size = Math.round((26 + Math.min(40, Math.sqrt(spot.overdue) * 5)) * scale)
      let marker = markers.current.get(key)
      if (!marker) {
        // MapLibre positions the marker by its transform; the ring inside scales on its own
        const el = document.createElement('div')
        el.className = 'wall-pulse'
        el.dataset.testid = 'overdue-pulse'
        el.appendChild(document.createElement('span')).className = 'wall-pulse__ring'
        marker = new maplibregl.Marker({ element: el }).setLngLat(spot.position).addTo(map)
        markers.current.set(key, marker)
      }
      const el = marker.getElement()
      el.style.width = `${size}px`
      el.style.height = `${size}px`
      el.dataset.overdue = String(spot.overdue)
    }
  }, [map, bins, scale])
  useEffect(() => {
    const all = markers.current
    return () => {
      for (const marker of all.values()) marker.remove()
      all.clear()
    }
  }, [])
}

function TourBar(props: { stops: readonly TourStop[]; index: number; seconds: number }) {
  const current = props.stops[props.index]
  return (
    <div className="wall-tour" data-testid="tour" data-index={props.index}>
      <div className="wall-tour__label">
        巡览 {props.index + 1}/{props.stops.length} · 每站 {props.seconds} 秒
      </div>
      <ol className="wall-tour__stops">
        {props.stops.map((s, i) => (
          <li
            key={s.code}
            className={i === props.index ? 'is-current' : i < props.index ? 'is-done' : ''}
          >
            {s.name}
          </li>
        ))}
      </ol>
      <div className="wall-tour__track">
        {/* keyed by the stop: the bar restarts its CSS animation at each township */}
        <span
          key={current?.code ?? 'none'}
          className="wall-tour__fill"
          style={{ animationDuration: `${props.seconds}s` }}
        />
      </div>
    </div>
  )
}
