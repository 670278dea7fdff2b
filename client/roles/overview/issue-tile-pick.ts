// A click on the issue tiles: the issue drawn under it, as the overview's selection.
import type * as maplibregl from 'maplibre-gl'
import type { IssueFeature } from '../../features/issues/api.ts'
import { issueTileLayerIds } from '../../features/issues/issue-tiles.ts'
import { issuePointsMinZoom } from '../../features/issues/layers.ts'
import type { MapClick } from '../../map/map-view.tsx'
import type { Selection } from './map-selection.ts'

/** What a click selects: check points draw above the issues, so they win a click on both. */
export function pickOverview(
  click: MapClick,
  pick: (click: MapClick) => Selection | undefined,
  map: maplibregl.Map | null,
  scale: number,
): Selection | undefined {
  const picked = pick(click)
  return picked?.collection === 'checkpoints'
    ? picked
    : (pickIssueTile(map, click, scale) ?? picked)
}

const pickRadiusPx = 6

/** An issue drawn from the tiles under the click (zoom ≥ 13), with the properties its tile holds. */
export function pickIssueTile(
  map: maplibregl.Map | null,
  click: MapClick,
  scale: number,
): { collection: 'issues'; id: string; feature: IssueFeature } | undefined {
  if (!map?.getLayer(issueTileLayerIds.points) || map.getZoom() < issuePointsMinZoom) return
  const { x, y } = map.project(click.lngLat)
  const r = pickRadiusPx * scale
  const [hit] = map.queryRenderedFeatures(
    [
      [x - r, y - r],
      [x + r, y + r],
    ],
    { layers: [issueTileLayerIds.points] },
  )
  const id = hit?.properties.id
  if (typeof id !== 'string' || hit?.geometry.type !== 'Point') return
  const feature = {
    type: 'Feature',
    id,
    geometry: hit.geometry,
    properties: hit.properties,
  } as unknown as IssueFeature
  return { collection: 'issues', id, feature }
}
