// A highlight for the selected feature, drawn above everything: a ring for points, a bold outline
// for areas. Pure; one stable id.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature } from 'geojson'

export const selectionLayerId = 'selection'

const highlight: [number, number, number, number] = [11, 87, 208, 255]

export function selectionLayers(feature: Feature | undefined, scale = 1): Layer[] {
  return [
    new GeoJsonLayer({
      id: selectionLayerId,
      data: { type: 'FeatureCollection', features: feature ? [feature] : [] } as never,
      visible: Boolean(feature),
      pickable: false,
      filled: false,
      stroked: true,
      pointType: 'circle',
      lineWidthUnits: 'pixels',
      pointRadiusUnits: 'pixels',
      getPointRadius: 11 * scale,
      getLineWidth: 3 * scale,
      getLineColor: highlight,
    }) as Layer,
  ]
}
