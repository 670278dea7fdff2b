// The planning map's layers from the screen's data: a MapLibre overlay (1 km circles, candidates)
// and road-name symbol layer, and deck.gl layers of the open tab (circle names, forecast
// townships, corridors, village status, plan stars, drawn points).
import type { PickingInfo } from '@deck.gl/core'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  radiusLabel,
  townshipRadiusLabelLayers,
  townshipRadiusRingLayer,
} from '../../features/boundaries/layers.ts'
import type { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import type {
  Candidate,
  ForecastResult,
  PlanListItem,
  RehearsalResult,
  SeatRadiusResult,
} from '../../features/planning/api.ts'
import { candidateCircleLayer, candidatePoints } from '../../features/planning/candidate-layer.ts'
import {
  corridorLayers,
  drawLayers,
  type ForecastArea,
  forecastTownshipLayers,
  planningLayerIds,
  roadLabelLayer,
  roadLabelOf,
  roadLabelSourceId,
  type StarPoint,
  starLayers,
  toForecastAreas,
  toRoadLabelSource,
  villageStatusLayers,
} from '../../features/planning/layers.ts'
import { diffPlans } from '../../features/planning/plan-diff.ts'
import { drawnScore } from '../../features/planning/rehearsal-panel.tsx'
import { pointState } from '../../features/planning/score-colors.ts'
import { labelFontStack } from '../../lib/fonts.ts'
import { usePreloaded } from '../../lib/use-preloaded.ts'
import { deckBeforeIds } from '../../map/base-style.ts'
import type { StyleOverlay } from '../../map/style-overlay.ts'
import type { PlanningData } from './use-planning-data.ts'

const radiusLabelMinZoom = 10.5 // below this the 1 km circles are too small to name
const overlaySourceIds = { radii: 'planning-radii', candidates: 'planning-candidates' } as const
const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] }

type ForecastFeature = Feature<Polygon | MultiPolygon, ForecastArea>
type BaseData = ReturnType<typeof useBaseMapData>

export interface PlanningLayerInput {
  tab: string
  zoom: number
  scale: number
  map: MapLibreMap | null
  radii: Parameters<typeof townshipRadiusLabelLayers>[0]
  roads: FeatureCollection | undefined
  townships: BaseData['townships']['data']
  villages: BaseData['villages']['data']
  seatRadius: SeatRadiusResult | undefined
  corridors: FeatureCollection | undefined
  candidates: readonly Candidate[]
  byId: ReadonlyMap<string, Candidate>
  selection: readonly string[]
  comparing: boolean
  plans: readonly PlanListItem[] | undefined
  compare: { a?: string; b?: string }
  rehearsal: RehearsalResult | undefined
  forecast: ForecastResult | undefined
  townshipName: (code: string) => string
}

/** The layers of the screen's data and state (see PlanningLayerInput for the rest). */
export function usePlanningMapLayers(
  data: PlanningData,
  state: Pick<
    PlanningLayerInput,
    | 'tab'
    | 'zoom'
    | 'scale'
    | 'map'
    | 'selection'
    | 'comparing'
    | 'plans'
    | 'compare'
    | 'rehearsal'
    | 'forecast'
  >,
) {
  return usePlanningLayers({
    ...state,
    radii: data.radii.data,
    roads: data.roads.data,
    townships: data.townships.data,
    villages: data.villages.data,
    seatRadius: data.seatRadius.data,
    corridors: data.corridors.data?.geojson,
    candidates: data.candidateItems,
    byId: data.byId,
    townshipName: data.townshipName,
  })
}

export function usePlanningLayers({
  tab,
  zoom,
  scale,
  map,
  radii,
  roads,
  townships,
  villages,
  seatRadius,
  corridors,
  candidates,
  byId,
  selection,
  comparing,
  plans,
  compare,
  rehearsal,
  forecast,
  townshipName,
}: PlanningLayerInput) {
  const [hovered, setHovered] = useState<{ x: number; y: number; area: ForecastArea }>()
  // labels drawn by deck.gl need their characters loaded first
  const labelTexts = useMemo(
    () => [
      ...(radii?.features ?? []).map((f) => radiusLabel(f.properties, townshipName)),
      ...(roads?.features ?? []).map((f) => roadLabelOf(f.properties)),
    ],
    [radii, roads, townshipName],
  )
  const labelsReady = usePreloaded(labelTexts)

  const stars = useMemo<StarPoint[]>(() => {
    const at = (id: string) => byId.get(id)?.lngLat
    const planA = plans?.find((p) => p.id === compare.a)
    const planB = plans?.find((p) => p.id === compare.b)
    if (comparing && planA && planB) {
      const diff = diffPlans(planA.checkpointIds, planB.checkpointIds)
      return (['onlyA', 'onlyB', 'both'] as const).flatMap((kind) =>
        diff[kind].flatMap((id) => {
          const lngLat = at(id)
          return lngLat ? [{ id, lngLat, kind }] : []
        }),
      )
    }
    return selection.flatMap((id) => {
      const lngLat = at(id)
      return lngLat ? [{ id, lngLat, kind: 'plan' as const }] : []
    })
  }, [byId, selection, comparing, plans, compare.a, compare.b])

  const drawn = useMemo(
    () =>
      (rehearsal?.first ?? []).map((p) => ({
        id: p.id,
        lngLat: p.lngLat,
        state: pointState(drawnScore(p)),
      })),
    [rehearsal],
  )
  const villagePoints = useMemo(() => {
    const at = new Map(
      (villages?.features ?? []).map((f) => [
        String(f.properties.code),
        f.geometry.coordinates as [number, number],
      ]),
    )
    return (seatRadius?.townships ?? []).flatMap((t) =>
      t.villages.flatMap((v) => {
        const lngLat = at.get(v.code)
        return lngLat ? [{ code: v.code, lngLat, status: v.status }] : []
      }),
    )
  }, [villages, seatRadius])

  const forecastAreas = useMemo(
    () => toForecastAreas(townships, forecast?.townships ?? []),
    [townships, forecast],
  )
  const onForecastHover = useCallback((info: PickingInfo<ForecastFeature>) => {
    const area = info.object?.properties
    setHovered(area ? { x: info.x, y: info.y, area } : undefined)
  }, [])
  useEffect(() => {
    if (tab !== 'forecast') setHovered(undefined)
  }, [tab])

  // the circles and the candidates are MapLibre layers: on the 示范点 tab a screen opens on,
  // deck.gl then has nothing to draw until a plan has points and does not start (under software GL
  // its setup and each program link block the page, README "The map at a million issues")
  const candidatesShown = tab !== 'focus'
  const dimmed = tab !== 'demo'
  const radiiShown = tab === 'focus' || tab === 'demo'
  const candidateData = useMemo(() => candidatePoints(candidates), [candidates])
  const radiusData = radii ?? emptyCollection
  const lat = candidates[0]?.lngLat[1] ?? 25
  const overlay = useMemo<StyleOverlay>(
    () => ({
      sources: {
        [overlaySourceIds.radii]: { data: radiusData },
        [overlaySourceIds.candidates]: { data: candidateData, promoteId: 'id' },
      },
      layers: [
        townshipRadiusRingLayer(overlaySourceIds.radii, { visible: radiiShown, scale }),
        candidateCircleLayer(overlaySourceIds.candidates, {
          visible: candidatesShown,
          dimmed,
          scale,
          lat,
        }),
      ],
      beforeId: deckBeforeIds.points,
      pickable: candidatesShown && !dimmed ? [planningLayerIds.candidates] : [],
    }),
    [radiusData, candidateData, radiiShown, candidatesShown, dimmed, scale, lat],
  )

  const layers = useMemo(
    () =>
      [
        ...townshipRadiusLabelLayers(labelsReady ? radii : undefined, {
          visible: radiiShown,
          labelsVisible: tab === 'focus' && zoom >= radiusLabelMinZoom,
          zoom: Math.floor(zoom * 2) / 2,
          scale,
          beforeId: deckBeforeIds.overlays,
          townshipName,
        }),
        ...forecastTownshipLayers(forecastAreas, {
          visible: tab === 'forecast',
          scale,
          beforeId: deckBeforeIds.areas,
          onHover: onForecastHover,
        }),
        ...corridorLayers(corridors, roads, {
          visible: tab === 'focus',
          scale,
          beforeId: deckBeforeIds.overlays,
        }),
        ...villageStatusLayers(villagePoints, { visible: tab === 'focus', scale }),
        ...starLayers(stars, { visible: tab === 'demo', scale }),
        ...drawLayers(drawn, { visible: tab === 'rehearsal', scale }),
        // only the open tab's: a hidden layer would still link its programs
      ].filter((layer) => layer.props.visible),
    [
      tab,
      zoom,
      radii,
      radiiShown,
      corridors,
      roads,
      villagePoints,
      stars,
      drawn,
      scale,
      labelsReady,
      townshipName,
      forecastAreas,
      onForecastHover,
    ],
  )

  // road names as a MapLibre symbol layer: its collision detection keeps shared routes readable
  useEffect(() => {
    if (!map) return
    const data = toRoadLabelSource(labelsReady ? roads : undefined)
    const source = map.getSource(roadLabelSourceId) as GeoJSONSource | undefined
    if (source) source.setData(data)
    else map.addSource(roadLabelSourceId, { type: 'geojson', data })
    const spec = roadLabelLayer(labelFontStack, { visible: tab === 'focus', scale })
    if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'visibility', spec.layout?.visibility)
    else map.addLayer(spec)
  }, [map, roads, labelsReady, tab, scale])

  return { layers, overlay, labelsReady, forecastAreas, hovered }
}
