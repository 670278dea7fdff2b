// A MapView on the served place's bounds (usePlaceBounds): until they arrive, the map area says it is
// loading, so no screen starts on another county's box.
import { usePlaceBounds } from '../lib/place.ts'
import { MapView, type MapViewProps } from '../map/map-view.tsx'
import { MapPending } from './map-pending.tsx'

export function PlaceMap(props: Omit<MapViewProps, 'bounds'>) {
  const { bounds, failed } = usePlaceBounds()
  return bounds ? <MapView {...props} bounds={bounds} /> : <MapPending failed={failed} />
}
