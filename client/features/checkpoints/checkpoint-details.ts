// The side-panel view of one check point. Pure.
import { checkpointKindLabels } from '../../../server/domain/labels-zh.ts'
import { type FeatureDetails, type NameLookup, toDetailRows } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import type { CheckpointFeature } from './api.ts'
import { checkpointColor } from './layers.ts'

const order = [
  'kind',
  'category',
  'townshipCode',
  'villageCode',
  'gridCode',
  'unitCode',
  'approxPosition',
  'synthetic',
]

export function checkpointDetails(
  feature: CheckpointFeature,
  lookup: NameLookup = {},
): FeatureDetails {
  const p = feature.properties
  const rows = toDetailRows(p as unknown as Record<string, unknown>, order, lookup).filter(
    (row) => row.key !== 'name',
  )
  if (feature.id !== undefined)
    rows.unshift({ key: 'id', label: '编号', value: String(feature.id) })
  return {
    kind: checkpointKindLabels[p.kind] ?? '测评点位',
    title: p.name,
    badge: {
      text: checkpointKindLabels[p.kind] ?? p.kind,
      color: toCssColor(checkpointColor(feature)),
    },
    rows,
  }
}
