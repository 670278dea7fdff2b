// Choosing the position on a map, one-handed: the pin stays in the middle and the map moves under it
// (drag, or tap a spot to bring it there). Loaded only when opened: MapLibre is the largest chunk.
import { ScatterplotLayer } from '@deck.gl/layers'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useBaseMapData } from '../../features/boundaries/use-base-map-data.ts'
import { checkpointsQuery } from '../../features/checkpoints/api.ts'
import { checkpointLayers } from '../../features/checkpoints/layers.ts'
import { gridsQuery } from '../../features/grids/api.ts'
import { gridLayers } from '../../features/grids/layers.ts'
import { deckBeforeIds } from '../../map/base-style.ts'
import { whiteRimmedDot } from '../../map/dot-style.ts'
import { insetMap } from '../../map/inset-map.ts'
import type { MapFocus } from '../../map/map-view.tsx'
import { PlaceMap } from '../../ui/place-map.tsx'

const startZoom = 16.5 // street level: a 50 m duplicate circle is about 70 px across
const padding = { top: 24, right: 24, bottom: 24, left: 24 }

export interface PickMapProps {
  start?: [number, number]
  gps?: [number, number] // where the phone is: drawn with its accuracy circle
  accuracyMeters?: number
  onPick: (lngLat: [number, number]) => void
  onCancel: () => void
}

export function PickMap({ start, gps, accuracyMeters, onPick, onCancel }: PickMapProps) {
  const { county, townships, villages, baseSources } = useBaseMapData({
    neighbors: false,
    rivers: false,
    seats: false,
  })
  // context at street level, where the base map has little: grid edges and the check points
  const grids = useQuery(gridsQuery())
  const checkpoints = useQuery(checkpointsQuery())
  const layers = useMemo(
    () => [
      ...gridLayers(grids.data, { visible: true, beforeId: deckBeforeIds.areas }),
      ...checkpointLayers(checkpoints.data, {
        fixedVisible: true,
        randomVisible: true,
        beforeId: deckBeforeIds.points,
      }),
      new ScatterplotLayer<[number, number]>({
        id: 'gps-accuracy',
        data: gps && accuracyMeters !== undefined ? [gps] : [],
        getPosition: (p) => p,
        radiusUnits: 'meters',
        getRadius: accuracyMeters ?? 0,
        getFillColor: [11, 87, 208, 40],
        getLineColor: [11, 87, 208, 200],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      }),
      new ScatterplotLayer<[number, number]>({
        id: 'gps-dot',
        data: gps ? [gps] : [],
        getPosition: (p) => p,
        ...whiteRimmedDot,
        getRadius: 7,
        getFillColor: [11, 87, 208, 255],
        getLineWidth: 2,
      }),
    ],
    [grids.data, checkpoints.data, gps, accuracyMeters],
  )
  const [centre, setCentre] = useState<[number, number] | undefined>(start)
  const [focus, setFocus] = useState<MapFocus>()
  const initialView = useMemo(
    () => (start ? { lng: start[0], lat: start[1], zoom: startZoom } : undefined),
    [start],
  )
  return (
    <div
      className="m-map"
      role="dialog"
      aria-modal="true"
      aria-label="在地图上选点"
      data-testid="m-map"
    >
      <div className="m-map__canvas">
        <PlaceMap
          {...insetMap}
          padding={padding}
          initialView={initialView}
          baseSources={baseSources}
          layers={layers}
          ready={Boolean(
            county.data && townships.data && villages.data && grids.data && checkpoints.data,
          )}
          focus={focus}
          onViewChange={(view) => setCentre([view.lng, view.lat])}
          onClick={(click) =>
            setFocus((f) => ({ key: (f?.key ?? 0) + 1, center: click.lngLat, minZoom: startZoom }))
          }
        />
        <div className="m-map__pin" aria-hidden="true" />
      </div>
      <div className="m-map__bar">
        <p className="m-muted">
          拖动地图，使红色标记对准问题所在位置，或点一下地图上的位置。蓝点为你的定位。
          {accuracyMeters !== undefined && `当前定位精度 ±${Math.round(accuracyMeters)} 米。`}
        </p>
        <div className="m-row">
          <button type="button" className="m-button m-button--plain" onClick={onCancel}>
            取消
          </button>
          <button
            type="button"
            className="m-button m-button--primary"
            disabled={!centre}
            onClick={() => centre && onPick(centre)}
          >
            确定此位置
          </button>
        </div>
      </div>
    </div>
  )
}
