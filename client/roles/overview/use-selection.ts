// The selected feature: written to the URL so a link shares it, restored once its collection has
// loaded, and kept in step with the issues after a write refetched them.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { FeaturePage } from '../../lib/api-client.ts'
import type { UrlState } from '../../lib/url-state.ts'
import type { MapClick } from '../../map/map-view.tsx'
import { pickSelection, type Selection } from './map-selection.ts'
import type { OverviewCollections } from './use-overview-collections.ts'

/** The collections a selection can name, by the id the URL carries. */
function selectableCollections(c: OverviewCollections): Record<string, FeaturePage | undefined> {
  return {
    issues: c.issues.data as FeaturePage | undefined,
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
  setUrl: (patch: Partial<UrlState>) => void,
) {
  const [selection, setSelection] = useState<Selection | undefined>()
  const select = useCallback(
    (next: Selection | undefined) => {
      setSelection(next)
      setUrl({ selected: next ? { collection: next.collection, id: next.id } : undefined })
    },
    [setUrl],
  )

  const byCollection = selectableCollections(collections)
  const wantedData = wanted ? byCollection[wanted.collection] : undefined
  useEffect(() => {
    if (!wanted || !wantedData || selection) return
    const feature = wantedData.features.find((f) => String(f.id) === wanted.id)
    if (feature) setSelection({ collection: wanted.collection, id: wanted.id, feature })
  }, [wanted, wantedData, selection])

  // a click picks from the latest collections without re-creating the map's handler
  const latest = useRef(byCollection)
  latest.current = byCollection
  const pick = useCallback((click: MapClick) => pickSelection(click, latest.current), [])

  const issues = collections.issues.data
  useEffect(() => {
    if (selection?.collection !== 'issues' || !issues) return
    const fresh = issues.features.find((f) => String(f.id) === selection.id)
    if (fresh && fresh !== selection.feature) setSelection({ ...selection, feature: fresh })
  }, [issues, selection])

  return { selection, select, pick }
}
