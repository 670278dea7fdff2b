// The planning candidates as a MapLibre circle layer in the screen's style overlay, coloured by
// score: drawn from the first frame without deck.gl (whose setup and program links block the page
// under software GL). Pure.
import type { FeatureCollection } from 'geojson'
import type { LayerSpecification } from 'maplibre-gl'
import { toCssColor } from '../../lib/legend.ts'
import type { Candidate } from './api.ts'
import { type PlacedOverlayOptions, planningLayerIds } from './layers.ts'
import { scoreColor } from './score-colors.ts'

export interface CandidateLayerOptions extends PlacedOverlayOptions {
  dimmed?: boolean // other tabs: the scores step back behind their own layers
}

/** Ground metres per CSS pixel at zoom 0 of MapLibre's 512 px tiles, at a latitude. */
function metresPerPixelAtZoom0(lat: number): number {
  return (40_075_016.7 * Math.cos((lat * Math.PI) / 180)) / 512
}

const candidateRadiusM = 120
const candidateRadiusPx = [3.5, 7] as const // at UI scale 1: never smaller, never larger

/**
 * The candidates as a MapLibre circle layer (in the screen's style overlay): filled by score,
 * 120 m across the ground between 3.5 and 7 px, dimmed on other tabs. The feature carries its
 * colour; see candidatePoints.
 */
export function candidateCircleLayer(
  source: string,
  options: CandidateLayerOptions & { lat: number },
): LayerSpecification {
  const scale = options.scale ?? 1
  const opacity = (options.dimmed ? 110 : 235) / 255
  const [minPx, maxPx] = candidateRadiusPx.map((px) => px * scale) as [number, number]
  // the zooms at which 120 m is minPx and maxPx wide; in between it doubles with every zoom
  const zoomAt = (px: number) =>
    Math.log2((px * metresPerPixelAtZoom0(options.lat)) / candidateRadiusM)
  return {
    id: planningLayerIds.candidates,
    type: 'circle',
    source,
    layout: { visibility: options.visible ? 'visible' : 'none' },
    paint: {
      'circle-color': ['get', 'color'],
      'circle-opacity': opacity,
      'circle-radius': [
        'interpolate',
        ['exponential', 2],
        ['zoom'],
        zoomAt(minPx),
        minPx,
        zoomAt(maxPx),
        maxPx,
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-opacity': opacity,
      'circle-stroke-width': scale,
    },
  }
}

/** The candidates as points for candidateCircleLayer: id and score colour. */
export function candidatePoints(candidates: readonly Candidate[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: candidates.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: c.lngLat },
      properties: { id: c.checkpointId, color: toCssColor(scoreColor(c.score, 255)) },
    })),
  }
}
