// Where the wall looks and what it draws: the township of the tour (or of `?township=`), whose
// figures the panels show, and the map layer, fixed by `?layer=` or taking turns.
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { useEffect, useMemo, useState } from 'react'
import type { PlaceProperties } from '../../features/boundaries/api.ts'
import type { StatsLayerKind } from '../../features/stats/layers.ts'
import { type WallParams, wallLayers } from './wall-params.ts'
import { nextStop, tourStart, tourStops } from './wall-tour.ts'

type TownshipFeatures = readonly Feature<Polygon | MultiPolygon, PlaceProperties>[]

export function useWallTour(params: WallParams, townships: TownshipFeatures | undefined) {
  const stops = useMemo(() => tourStops(townships), [townships])
  const [stopIndex, setStopIndex] = useState<number | undefined>()
  useEffect(() => {
    if (!stops.length) return
    setStopIndex((i) => i ?? tourStart(stops, params.township))
    if (!params.tour) return
    const t = setInterval(
      () => setStopIndex((i) => nextStop(i ?? 0, stops.length)),
      params.tourSeconds * 1000,
    )
    return () => clearInterval(t)
  }, [stops, params.tour, params.township, params.tourSeconds])
  const stop =
    params.tour || params.township
      ? stopIndex === undefined
        ? undefined
        : stops[stopIndex]
      : undefined
  const stopCode = stop?.code
  const filter = useMemo(() => (stopCode ? { township: stopCode } : {}), [stopCode])
  const stopArea = useMemo(
    () => townships?.find((f) => String(f.properties.code) === stopCode),
    [townships, stopCode],
  )

  const [cycle, setCycle] = useState(0)
  useEffect(() => {
    if (params.layer) return
    const t = setInterval(() => setCycle((c) => c + 1), params.cycleSeconds * 1000)
    return () => clearInterval(t)
  }, [params.layer, params.cycleSeconds])
  const shown: StatsLayerKind = params.layer ?? wallLayers[cycle % wallLayers.length] ?? 'heatmap'
  const tour =
    params.tour && stopIndex !== undefined
      ? { stops, index: stopIndex, seconds: params.tourSeconds }
      : undefined
  return { stop, stopCode, filter, stopArea, shown, tour }
}
