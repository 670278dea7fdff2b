// The side-panel view of one grid. Pure.
import { type FeatureDetails, type NameLookup, toDetailRows } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import type { GridFeature } from './api.ts'
import { unitColor } from './layers.ts'

const order = [
  'gridCode',
  'townshipCode',
  'villageCode',
  'responsibleUnit',
  'manager',
  'managerPhone',
  'areaKm2',
  'synthetic',
]

export function gridDetails(feature: GridFeature, lookup: NameLookup = {}): FeatureDetails {
  const p = feature.properties
  return {
    kind: '责任网格',
    title: p.name ?? p.gridCode,
    badge: {
      text: lookup.unit?.(p.responsibleUnit) ?? p.responsibleUnit,
      color: toCssColor(unitColor(p.responsibleUnit)),
    },
    rows: toDetailRows(p as unknown as Record<string, unknown>, order, lookup).filter(
      (row) => row.key !== 'name',
    ),
  }
}
