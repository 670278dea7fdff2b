// What a click on the overview map selects, and how the selection reads in the side panel. Pure:
// the screen keeps the state (use-selection.ts); here only the picking order and the details.
import type { PickingInfo } from '@deck.gl/core'
import type { Feature } from 'geojson'
import { townshipRadiusLayerIds } from '../../features/boundaries/layers.ts'
import { type PlaceKind, placeDetails } from '../../features/boundaries/place-details.ts'
import type { CheckpointFeature } from '../../features/checkpoints/api.ts'
import { checkpointDetails } from '../../features/checkpoints/checkpoint-details.ts'
import { checkpointLayerIds } from '../../features/checkpoints/layers.ts'
import type { GridFeature } from '../../features/grids/api.ts'
import { gridDetails } from '../../features/grids/grid-details.ts'
import { gridLayerId } from '../../features/grids/layers.ts'
import type { IssueFeature } from '../../features/issues/api.ts'
import { issueDetails } from '../../features/issues/issue-details.ts'
import { issueLayerIds } from '../../features/issues/layers.ts'
import type { FeaturePage } from '../../lib/api-client.ts'
import {
  type DetailRow,
  type FeatureDetails,
  formatCount,
  type NameLookup,
} from '../../lib/format.ts'
import type { MapClick } from '../../map/map-view.tsx'

export interface Selection {
  collection: string
  id: string
  feature: Feature
}

const pointLayerIds: readonly string[] = [
  issueLayerIds.points,
  checkpointLayerIds.fixed,
  checkpointLayerIds.random,
]
const deckCollections: Record<string, string> = {
  [issueLayerIds.points]: 'issues',
  [checkpointLayerIds.fixed]: 'checkpoints',
  [checkpointLayerIds.random]: 'checkpoints',
  [gridLayerId]: 'grids',
  [townshipRadiusLayerIds.rings]: 'township-radii',
}
const baseCollections: Record<string, PlaceKind> = {
  'villages-circle': 'villages',
  'seats-circle': 'seats',
  'county-seat-dot': 'seats',
  'townships-fill': 'townships',
}

/** Topmost first: deck.gl points, base-map points, deck.gl areas, then base-map areas. */
export function pickSelection(
  click: MapClick,
  collections: Record<string, FeaturePage | undefined>,
): Selection | undefined {
  const fromDeck = (info: PickingInfo | undefined): Selection | undefined => {
    const layerId = info?.layer?.id
    const feature = info?.object as Feature | undefined
    const collection = layerId ? deckCollections[layerId] : undefined
    if (!collection || !feature) return undefined
    return { collection, id: String(feature.id ?? ''), feature }
  }
  const deckPoint = click.deckPicks.find((p) => pointLayerIds.includes(p.layer?.id ?? ''))
  const deckArea = click.deckPicks.find((p) => !pointLayerIds.includes(p.layer?.id ?? ''))
  const fromBase = (points: boolean): Selection | undefined => {
    for (const f of click.baseFeatures) {
      const collection = baseCollections[f.layer.id]
      if (!collection) continue
      if (points === (collection === 'townships')) continue
      const fid = String(f.properties.fid ?? '')
      const original = collections[collection]?.features.find((o) => String(o.id) === fid)
      if (original) return { collection, id: fid, feature: original }
    }
    return undefined
  }
  return fromDeck(deckPoint) ?? fromBase(true) ?? fromDeck(deckArea) ?? fromBase(false)
}

/**
 * The side panel's rows; check points and grids add how many issues they hold. A check point offers
 * its 点位测评 to a reader who may inspect (the phone app's checklist, which works on a desktop too;
 * the server says no to a unit operator outside their own points).
 */
export function describeSelection(
  selection: Selection,
  now: Date,
  lookup: NameLookup,
  related?: { total: number; open: number }, // issues of a grid, counted by the server
  mayInspect = false,
): FeatureDetails {
  const { collection, feature } = selection
  if (collection === 'issues') return issueDetails(feature as IssueFeature, now, lookup)
  if (collection === 'checkpoints') {
    const details = checkpointDetails(feature as CheckpointFeature, lookup)
    return mayInspect ? { ...details, action: inspectAction(selection.id) } : details
  }
  if (collection === 'grids') {
    const details = gridDetails(feature as GridFeature, lookup)
    return related ? { ...details, rows: [...details.rows, issueCountRow(related)] } : details
  }
  return placeDetails(collection as PlaceKind, feature.properties ?? {}, lookup)
}

/** The phone app's 点位测评 tab, opened on this point's checklist. */
export function inspectAction(checkpointId: string): { label: string; href: string } {
  const query = new URLSearchParams({ tab: 'inspect', checkpoint: checkpointId })
  return { label: '点位测评（打开检查清单）', href: `/m?${query}` }
}

function issueCountRow({ total, open }: { total: number; open: number }): DetailRow {
  return {
    key: 'issues',
    label: '问题',
    value: `共 ${formatCount(total)} 条，其中未销号 ${formatCount(open)} 条`,
    tone: open > 0 ? 'warn' : undefined,
  }
}
