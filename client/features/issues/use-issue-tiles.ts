// Puts the issue tiles on a loaded MapLibre map and keeps them in step: the filter changes the
// tile URL (MapLibre refetches only what is on screen), the toggles change visibility.
import type * as maplibregl from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import {
  type IssueTileLayerOptions,
  issueTileLayerIds,
  issueTileLayers,
  issueTileSourceId,
  issueTileUrl,
} from './issue-tiles.ts'

/**
 * `revision`: bump it after a write; every tile on screen is asked again and answers 304 unless
 * the write landed in it.
 */
export function useIssueTiles(
  map: maplibregl.Map | null,
  query: string,
  options: IssueTileLayerOptions,
  revision: number,
): void {
  const optionsRef = useRef(options)
  optionsRef.current = options
  useEffect(() => {
    if (!map) return
    void revision // a new revision re-sets the same tiles, which reloads them
    const tiles = [issueTileUrl(query)]
    const source = map.getSource(issueTileSourceId) as maplibregl.VectorTileSource | undefined
    if (source) {
      source.setTiles(tiles)
      return
    }
    map.addSource(issueTileSourceId, { type: 'vector', tiles, minzoom: 0, maxzoom: 16 })
    const { beforeId } = optionsRef.current
    const before = beforeId && map.getLayer(beforeId) ? beforeId : undefined
    for (const layer of issueTileLayers(optionsRef.current)) map.addLayer(layer, before)
  }, [map, query, revision])

  const { heatmapVisible, pointsVisible } = options
  useEffect(() => {
    if (!map?.getLayer(issueTileLayerIds.heatmap)) return
    const show = (on: boolean) => (on ? 'visible' : 'none')
    map.setLayoutProperty(issueTileLayerIds.heatmap, 'visibility', show(heatmapVisible))
    map.setLayoutProperty(issueTileLayerIds.points, 'visibility', show(pointsVisible))
  }, [map, heatmapVisible, pointsVisible])
}
