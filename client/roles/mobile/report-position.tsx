// Where the problem is, on the phone: the GPS fix with its accuracy, or a point picked on the map,
// which wins while it is set (改用 GPS 位置 drops it). The map loads only when it is opened.
import { lazy, Suspense, useState } from 'react'
import { describeAccuracy } from './field-helpers.ts'
import { FieldSection } from './mobile-sheet.tsx'
import { usePosition } from './use-position.ts'

const PickMap = lazy(() => import('./pick-map.tsx').then((m) => ({ default: m.PickMap })))

export function useReportPosition() {
  const { state: position, retry } = usePosition()
  const [manual, setManual] = useState<[number, number]>()
  const [mapOpen, setMapOpen] = useState(false)
  const gps = position.status === 'fixed' ? position.fix : undefined
  const lngLat = manual ?? gps?.lngLat
  return { position, retry, manual, setManual, mapOpen, setMapOpen, gps, lngLat }
}

export type ReportPosition = ReturnType<typeof useReportPosition>

/** 位置: how the position was found, its accuracy and coordinates, and the ways to change it. */
export function PositionSection({ place }: { place: ReportPosition }) {
  const { position, retry, manual, setManual, setMapOpen, gps, lngLat } = place
  const accuracy = gps && !manual ? describeAccuracy(gps.accuracyMeters) : undefined
  return (
    <FieldSection label="位置">
      <div
        className={`m-position${lngLat ? ' is-set' : ''}`}
        data-testid="m-position"
        data-state={manual ? 'manual' : position.status}
      >
        {manual ? (
          <strong>已在地图上选定位置</strong>
        ) : position.status === 'locating' ? (
          <strong>正在定位…</strong>
        ) : position.status === 'fixed' ? (
          <strong>已定位（GPS）</strong>
        ) : (
          <strong className="m-warn">{position.reason}</strong>
        )}
        {accuracy && (
          <span className={accuracy.good ? '' : 'm-warn'} data-testid="m-accuracy">
            {accuracy.text}
          </span>
        )}
        {lngLat && (
          <span className="m-muted">
            东经 {lngLat[0].toFixed(5)}°，北纬 {lngLat[1].toFixed(5)}°
          </span>
        )}
      </div>
      <div className="m-row">
        <button type="button" className="m-button m-button--plain" onClick={() => setMapOpen(true)}>
          {lngLat ? '在地图上调整' : '在地图上选点'}
        </button>
        {manual ? (
          <button
            type="button"
            className="m-button m-button--plain"
            onClick={() => setManual(undefined)}
          >
            改用 GPS 位置
          </button>
        ) : (
          position.status === 'failed' && (
            <button type="button" className="m-button m-button--plain" onClick={retry}>
              重新定位
            </button>
          )
        )}
      </div>
    </FieldSection>
  )
}

/** The map to pick the position on, while it is open. */
export function PickMapSheet({ place }: { place: ReportPosition }) {
  const { setManual, setMapOpen, gps, lngLat } = place
  if (!place.mapOpen) return null
  return (
    <Suspense fallback={<div className="m-sheet m-loading">正在加载地图…</div>}>
      <PickMap
        start={lngLat}
        gps={gps?.lngLat}
        accuracyMeters={gps?.accuracyMeters}
        onPick={(picked) => {
          setManual(picked)
          setMapOpen(false)
        }}
        onCancel={() => setMapOpen(false)}
      />
    </Suspense>
  )
}
