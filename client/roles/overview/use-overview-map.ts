// The overview map's content: base-map sources and their visibility, and the deck.gl layers of
// every feature in draw order (areas, radii, issues, check points, then selection and draft).

import { useQuery } from '@tanstack/react-query'
import type { Feature } from 'geojson'
import { useMemo, useState } from 'react'
import { radiusLabel, townshipRadiusLayers } from '../../features/boundaries/layers.ts'
import { useBaseSources } from '../../features/boundaries/use-base-map-data.ts'
import { checkStatusesQuery } from '../../features/checkpoints/api.ts'
import { checkpointLayers } from '../../features/checkpoints/layers.ts'
import { gridLayers } from '../../features/grids/layers.ts'
import { draftLayers } from '../../features/issues/layers.ts'
import { chosenBaseMap, useBaseMaps } from '../../lib/base-maps.ts'
import type { NameLookup } from '../../lib/format.ts'
import type { UrlState } from '../../lib/url-state.ts'
import { usePreloaded } from '../../lib/use-preloaded.ts'
import { type BaseToggle, baseLayerGroups, deckBeforeIds } from '../../map/base-style.ts'
import { selectionLayers } from '../../map/selection-layers.ts'
import type { OverviewCollections } from './use-overview-collections.ts'

const radiusLabelMinZoom = 11 // 1 km circles are too small to name below this

export function useBaseMap(
  { county, neighbors, rivers, seats, townships, villages }: OverviewCollections,
  visible: ReadonlySet<string>,
) {
  const baseSources = useBaseSources({
    county: county.data,
    neighbors: neighbors.data,
    rivers: rivers.data,
    seats: seats.data,
    townships: townships.data,
    villages: villages.data,
  })
  const baseVisibility = useMemo(
    () =>
      Object.fromEntries(Object.keys(baseLayerGroups).map((id) => [id, visible.has(id)])) as Record<
        BaseToggle,
        boolean
      >,
    [visible],
  )
  return { baseSources, baseVisibility }
}

interface DeckLayerInputs {
  collections: OverviewCollections
  visible: ReadonlySet<string>
  zoom: number
  scale: number
  lookup: NameLookup
  selectedFeature: Feature | undefined
  draftLngLat: [number, number] | undefined // where 上报问题 will place the new issue
}

/**
 * The map's content (the base map, offline or the URL's configured one, its sources, the deck.gl
 * layers) as the map's props, and the configured base maps to choose from.
 */
export function useOverviewMap(inputs: DeckLayerInputs, url: UrlState) {
  const [initialView] = useState(url.view)
  const { baseSources, baseVisibility } = useBaseMap(inputs.collections, inputs.visible)
  const baseMaps = useBaseMaps()
  const baseMap = chosenBaseMap(baseMaps, url.base)
  const { layers, radiusLabelsReady } = useDeckLayers(inputs)
  const settled = Object.values(inputs.collections).every((q) => !q.isPending)
  const ready = settled && radiusLabelsReady
  return { content: { initialView, baseSources, baseVisibility, baseMap, layers, ready }, baseMaps }
}

/** The layers, and whether the radius labels' characters have loaded (the map waits for them). */
export function useDeckLayers({
  collections: { grids, radii, checkpoints },
  visible,
  zoom,
  scale,
  lookup,
  selectedFeature,
  draftLngLat,
}: DeckLayerInputs) {
  const checkStatuses = useQuery(checkStatusesQuery()) // 点位测评 status halos
  // deck.gl TextLayer draws radius labels from the same font: load their characters first
  const radiusLabelsReady = usePreloaded(
    useMemo(
      () => (radii.data?.features ?? []).map((f) => radiusLabel(f.properties, lookup.township)),
      [radii.data, lookup],
    ),
  )

  const labelZoom = zoom >= radiusLabelMinZoom
  const labelZoomStep = Math.floor(zoom * 2) / 2 // label overlap is re-checked per half zoom level
  const layers = useMemo(
    () => [
      ...gridLayers(grids.data, {
        visible: visible.has('grids'),
        scale,
        beforeId: deckBeforeIds.areas,
      }),
      ...townshipRadiusLayers(radiusLabelsReady ? radii.data : undefined, {
        visible: visible.has('radii'),
        labelsVisible: labelZoom,
        zoom: labelZoomStep,
        scale,
        beforeId: deckBeforeIds.overlays,
        townshipName: lookup.township,
      }),
      ...checkpointLayers(checkpoints.data, {
        fixedVisible: visible.has('fixed'),
        randomVisible: visible.has('random'),
        scale,
        beforeId: deckBeforeIds.points,
        checkStatuses: checkStatuses.data,
      }),
      ...selectionLayers(selectedFeature, scale),
      ...draftLayers(draftLngLat, scale),
    ],
    [
      grids.data,
      radii.data,
      checkpoints.data,
      checkStatuses.data,
      visible,
      scale,
      labelZoom,
      labelZoomStep,
      lookup,
      radiusLabelsReady,
      selectedFeature,
      draftLngLat,
    ],
  )
  return { layers, radiusLabelsReady }
}
