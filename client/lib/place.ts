// The place the server serves (GET /api/place): names, titles, 测评体系 shares and bounds. The client
// names no place and fits no box itself; until the answer arrives, headings show the generic product
// title and the maps wait (usePlaceBounds).
import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { allSynthetic, type LayerStatus } from '../../server/domain/layer-status.ts'
import { apiRequest } from './api-client.ts'

export interface Place {
  code: string // 6-digit county code
  name: string
  shortName: string
  abbreviation: string
  province: string
  seatTownship: { code: string; name: string }
  assessment: {
    source: string
    shares: { field: number; materials: number; survey: number; departments: number }
    sumNote?: string
  }
  assessmentTotal: number // sum of the shares as the source gives them (Henan 2016: 106)
  projectionOrigin: [number, number]
  hexOrigin: [number, number]
  defaultView: { center: [number, number]; zoom: number }
  titles: {
    service: string
    page: string
    overview: string
    wall: string
    planning: string
    grids: string
    mobile: string
    mobileSubtitle: string
  }
  documents: { creator: string; issuerName: string; noticePrefix: string }
  bounds: PlaceBounds // the loaded county outline's box: every map starts on it
  layers: LayerStatus // which layers are still 示意: only those are labelled so
}

export type PlaceBounds = [west: number, south: number, east: number, north: number] // WGS84

export const genericTitle = '文明创建巡查督导一张图'

export const placeQuery = {
  queryKey: ['place'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => apiRequest<Place>('/api/place', { signal }),
  // a server serves one place for its whole life; a layer import invalidates it (its 示意 changes)
  staleTime: Number.POSITIVE_INFINITY,
}

/** The served place, or undefined while it loads. */
export function usePlace(): Place | undefined {
  return useQuery(placeQuery).data
}

/** Which layers are still 示意; all of them until the server has answered. */
export function useLayerStatus(): LayerStatus {
  return usePlace()?.layers ?? allSynthetic
}

/** Sets the browser tab's title to the place's title for this screen once the place has loaded. */
export function usePlaceTitle(pick: (titles: Place['titles']) => string): void {
  const place = usePlace()
  const title = place ? pick(place.titles) : undefined
  useEffect(() => {
    if (title) document.title = title
  }, [title])
}

/** The place's bounds for a map, undefined while they load; `failed` once the request has failed. */
export function usePlaceBounds(): { bounds: PlaceBounds | undefined; failed: boolean } {
  const { data, isError } = useQuery(placeQuery)
  return { bounds: data?.bounds, failed: isError }
}
