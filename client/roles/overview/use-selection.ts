// The selected feature: written to the URL so a link shares it, restored once its collection has
// loaded (an issue: fetched by id, the map holds no issue collection), and kept in step with the
// issue after a write refetched it.
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { issueFeatureQuery } from '../../features/issues/api.ts'
import type { FeaturePage } from '../../lib/api-client.ts'
import type { UrlState, UrlWrite } from '../../lib/url-state.ts'
import type { MapClick } from '../../map/map-view.tsx'
import { pickSelection, type Selection } from './map-selection.ts'
import type { OverviewCollections } from './use-overview-collections.ts'

/** The collections a selection can name, by the id the URL carries. */
function selectableCollections(c: OverviewCollections): Record<string, FeaturePage | undefined> {
  return {
    checkpoints: c.checkpoints.data as FeaturePage | undefined,
    grids: c.grids.data as FeaturePage | undefined,
    'township-radii': c.radii.data as FeaturePage | undefined,
    villages: c.villages.data,
    seats: c.seats.data,
    townships: c.townships.data,
  }
}

export function useSelection(
  collections: OverviewCollections,
  wanted: UrlState['selected'],
  setUrl: (patch: Partial<UrlState>, how?: UrlWrite) => void,
) {
  const [selection, setSelection] = useState<Selection | undefined>()
  const select = useCallback(
    (next: Selection | undefined) => {
      setSelection(next)
      // a step of its own: back returns to the previous selection
      setUrl({ selected: next ? { collection: next.collection, id: next.id } : undefined }, 'push')
    },
    [setUrl],
  )

  // back/forward changed the URL's selection: let go of the old one, the new one is restored below
  const wantedKey = wanted ? `${wanted.collection}/${wanted.id}` : ''
  useEffect(() => {
    if (selection && `${selection.collection}/${selection.id}` !== wantedKey)
      setSelection(undefined)
  }, [wantedKey, selection])

  const byCollection = selectableCollections(collections)
  const wantedData = wanted ? byCollection[wanted.collection] : undefined
  useEffect(() => {
    if (!wanted || !wantedData || selection) return
    const feature = wantedData.features.find((f) => String(f.id) === wanted.id)
    if (feature) setSelection({ collection: wanted.collection, id: wanted.id, feature })
  }, [wanted, wantedData, selection])

  // an issue (from the URL, or picked from a tile with only its map properties) is read whole
  const issueId =
    selection?.collection === 'issues'
      ? selection.id
      : !selection && wanted?.collection === 'issues'
        ? wanted.id
        : ''
  const issue = useQuery({ ...issueFeatureQuery(issueId), enabled: issueId !== '' })

  // a click picks from the latest collections without re-creating the map's handler
  const latest = useRef(byCollection)
  latest.current = byCollection
  const pick = useCallback((click: MapClick) => pickSelection(click, latest.current), [])

  const fresh = issue.data
  useEffect(() => {
    if (!fresh || String(fresh.id) !== issueId) return
    if (selection && selection.feature === fresh) return
    if (selection && selection.collection !== 'issues') return
    setSelection({ collection: 'issues', id: issueId, feature: fresh })
  }, [fresh, issueId, selection])

  return { selection, select, pick }
}
