// Real lookups for exchange tests: unit names and township names from the committed geodata.
import { readFileSync } from 'node:fs'
import { bbox } from '@turf/turf'
import type { FeatureCollection } from 'geojson'
import { departmentUnits, townshipUnit } from '../../server/domain/units.ts'
import type { LedgerLookups } from '../../server/exchange/columns.ts'
import type { Bbox } from '../../server/exchange/ledger-import.ts'

const readGeodata = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../geodata/${name}.geojson`, import.meta.url), 'utf8'),
  ) as FeatureCollection

const townships = readGeodata('townships').features.map((f) => ({
  code: String(f.properties?.code),
  name: String(f.properties?.name),
}))

export function ledgerLookups(): LedgerLookups {
  const units = [...departmentUnits, ...townships.map((t) => townshipUnit(t.code, t.name))]
  return {
    unitNames: new Map(units.map((u) => [u.code, u.name])),
    townshipNames: new Map(townships.map((t) => [t.code, t.name])),
  }
}

export const countyBbox = bbox(readGeodata('county')).slice(0, 4) as unknown as Bbox
