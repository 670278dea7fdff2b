// Puts the issue tiles on a loaded MapLibre map and keeps them in step: the filter changes the
// tile URL (MapLibre refetches only what is on screen), the toggles change visibility.
import type * as maplibregl from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import type { StyleAdditions } from '../../map/style-overlay.ts'
import {
  type IssueTileLayerOptions,
  issueTileLayerIds,
  issueTileLayers,
  issueTileSource,
  issueTileSourceId,
  issueTileUrl,
} from './issue-tiles.ts'

/** The tiles for the map's first style (MapView styleAdditions): they load while shaders compile. */
export function issueTileStyle(query: string, options: IssueTileLayerOptions): StyleAdditions {
  return {
    sources: { [issueTileSourceId]: issueTileSource(query) },
    layers: issueTileLayers(options),
    ...(options.beforeId ? { beforeId: options.beforeId } : {}),
  }
}

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
  const shown = useRef<{ map: maplibregl.Map; query: string; revision: number }>(undefined)
  useEffect(() => {
    if (!map) return
    const last = shown.current
    shown.current = { map, query, revision }
    const source = map.getSource(issueTileSourceId) as maplibregl.VectorTileSource | undefined
    if (source) {
      // in the first style already (issueTileStyle), or a new filter or revision: a new revision
      // re-sets the same tiles, which reloads them
      const loadedWithStyle = !last || last.map !== map
      if (!loadedWithStyle || source.tiles[0] !== issueTileUrl(query)) {
        source.setTiles([issueTileUrl(query)])
      }
      return
    }
    map.addSource(issueTileSourceId, issueTileSource(query))
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
