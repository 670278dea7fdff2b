// The base maps the server offers besides the offline one (GET /api/basemaps, configured by
// BASE_MAPS_FILE). The offline map is always there and always the default; none configured: [].
import { useQuery } from '@tanstack/react-query'
import { apiRequest } from './api-client.ts'

export interface BaseMapSource {
  id: string
  name: string // 中文名称
  type: 'raster' | 'vector'
  tiles: string // XYZ template, absolute URL
  tileSize: number // px
  minzoom: number
  maxzoom: number
  attribution: string
  layers: string[] // vector: source-layer names to draw
}

/** The id of the offline base map in the URL and the switcher. */
export const offlineBaseMapId = 'offline'

export const baseMapsQuery = {
  queryKey: ['basemaps'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiRequest<{ baseMaps: BaseMapSource[] }>('/api/basemaps', { signal }).then((r) => r.baseMaps),
  staleTime: Number.POSITIVE_INFINITY, // configured at the server's start
}

/** The configured base maps; [] while loading, on an error, or when none is configured. */
export function useBaseMaps(): BaseMapSource[] {
  return useQuery(baseMapsQuery).data ?? noBaseMaps
}

const noBaseMaps: BaseMapSource[] = []

/** The chosen base map, or undefined for the offline one (also for an id no longer configured). */
export function chosenBaseMap(
  list: readonly BaseMapSource[],
  id: string | undefined,
): BaseMapSource | undefined {
  return id && id !== offlineBaseMapId ? list.find((b) => b.id === id) : undefined
}
