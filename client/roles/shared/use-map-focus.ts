// A flight the map makes once: each call gives a new key, so flying to the same place again works.
import { useCallback, useState } from 'react'
import type { MapFocus } from '../../map/map-view.tsx'

/** `minZoom`: the flight zooms in to at least this, never out. */
export function useMapFocus(minZoom: number) {
  const [focus, setFocus] = useState<MapFocus>()
  const flyTo = useCallback(
    (center: [number, number], offsetPx?: [number, number]) =>
      setFocus((previous) => ({
        key: (previous?.key ?? 0) + 1,
        center,
        minZoom,
        ...(offsetPx ? { offsetPx } : {}),
      })),
    [minZoom],
  )
  return [focus, flyTo] as const
}
