// A configured base map (raster or vector tiles) as a MapLibre source and style layers, slotted
// under everything of ours: pure, like base-style.ts. map-view.tsx adds and removes them.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl'
import type { BaseMapSource } from '../lib/base-maps.ts'
import type { Theme } from './themes.ts'

export const baseMapSourceId = 'configured-base-map'

/**
 * The tiles go right above the background, under the neighbours' and townships' fills, the mask
 * outside the county (which still dims it), every line and label, and every deck.gl layer.
 */
export const baseMapBeforeId = 'neighbors-fill'

/** Offline fills that would hide the tiles: transparent while a configured base map shows. */
export const fillsOverBaseMap = ['neighbors-fill', 'townships-fill'] as const

export function baseMapSource(base: BaseMapSource): SourceSpecification {
  return {
    type: base.type,
    tiles: [base.tiles],
    tileSize: base.tileSize,
    minzoom: base.minzoom,
    maxzoom: base.maxzoom,
  } as SourceSpecification
}

/**
 * Raster: one layer. Vector: a plain drawing of each listed source-layer (areas, lines, points in
 * the theme's muted colours), since a county's tiles come with no style of their own.
 */
export function baseMapLayers(base: BaseMapSource, theme: Theme): LayerSpecification[] {
  if (base.type === 'raster') {
    return [{ id: `${baseMapSourceId}-raster`, type: 'raster', source: baseMapSourceId }]
  }
  return base.layers.flatMap((sourceLayer): LayerSpecification[] => {
    const common = { source: baseMapSourceId, 'source-layer': sourceLayer }
    const id = `${baseMapSourceId}-${sourceLayer}`
    return [
      {
        ...common,
        id: `${id}-fill`,
        type: 'fill',
        filter: ofType('Polygon', 'MultiPolygon'),
        paint: { 'fill-color': theme.neighborFill, 'fill-opacity': 0.5 },
      },
      {
        ...common,
        id: `${id}-line`,
        type: 'line',
        filter: ofType('LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'),
        paint: { 'line-color': theme.neighborLine, 'line-width': 1 },
      },
      {
        ...common,
        id: `${id}-point`,
        type: 'circle',
        filter: ofType('Point', 'MultiPoint'),
        paint: { 'circle-color': theme.neighborLine, 'circle-radius': 2 },
      },
    ]
  })
}

// MapLibre versions differ in whether geometry-type names multi-geometries: accept both spellings
function ofType(...types: string[]): ExpressionSpecification {
  return ['in', ['geometry-type'], ['literal', types]]
}
