// Codes → Chinese names across the overview's collections, and the option lists the ledger and the
// 上报问题 form offer. Several features meet here, so it lives with the role.
import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { departmentUnits } from '../../../server/domain/units.ts'
import type { PlaceCollection } from '../../features/boundaries/api.ts'
import { type CodeName, type UnitRow, unitsQuery } from '../../features/issues/api.ts'
import type { NameLookup } from '../../lib/format.ts'
import type { NamedPlace } from '../../lib/geo.ts'
import type { OverviewCollections } from './use-overview-collections.ts'

/** The names, a unit's name by code, and the form options, with the units they need. */
export function useOverviewNames(collections: OverviewCollections) {
  const units = useQuery(unitsQuery())
  const lookup = useNameLookup(collections, units.data)
  const unitName = useCallback((code: string) => lookup.unit?.(code) ?? code, [lookup])
  return { lookup, unitName, ...useFormOptions(collections, units.data) }
}

export function useNameLookup(
  { townships, villages, grids, checkpoints }: OverviewCollections,
  units: UnitRow[] | undefined,
): NameLookup {
  const townshipData = townships.data
  const villageData = villages.data
  const gridData = grids.data
  const checkpointData = checkpoints.data
  return useMemo(() => {
    const byCode = (c: PlaceCollection | undefined) =>
      new Map(
        (c?.features ?? []).map((f) => [String(f.properties.code), String(f.properties.name)]),
      )
    const townshipNames = byCode(townshipData)
    const villageNames = byCode(villageData)
    const gridNames = new Map(
      (gridData?.features ?? []).map((f) => [f.properties.gridCode, f.properties.name]),
    )
    const checkpointNames = new Map(
      (checkpointData?.features ?? []).map((f) => [String(f.id), f.properties.name]),
    )
    const departments = new Map([...departmentUnits, ...(units ?? [])].map((u) => [u.code, u.name]))
    return {
      township: (code) => townshipNames.get(code),
      village: (code) => villageNames.get(code),
      grid: (code) => gridNames.get(code),
      checkpoint: (id) => checkpointNames.get(id),
      unit: (code) => {
        const department = departments.get(code)
        if (department) return department
        const township = /^township-(\d{9})$/.exec(code)?.[1]
        const name = township ? townshipNames.get(township) : undefined
        return name ? `${name}人民政府` : undefined
      },
    }
  }, [townshipData, villageData, gridData, checkpointData, units])
}

/** Townships and units for the ledger's filters and forms; check points for 上报问题. */
export function useFormOptions(
  { townships, checkpoints }: OverviewCollections,
  units: UnitRow[] | undefined,
) {
  const townshipData = townships.data
  const checkpointData = checkpoints.data
  const townshipOptions = useMemo<CodeName[]>(
    () =>
      (townshipData?.features ?? [])
        .map((f) => ({ code: String(f.properties.code), name: String(f.properties.name) }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    [townshipData],
  )
  // before the units table answers, every department and township government is offered
  const unitOptions = useMemo<CodeName[]>(() => {
    if (units?.length) {
      return units.filter((u) => u.active !== false).map(({ code, name }) => ({ code, name }))
    }
    const departments = departmentUnits.map(({ code, name }) => ({ code, name }))
    const governments = townshipOptions.map((t) => ({
      code: `township-${t.code}`,
      name: `${t.name}人民政府`,
    }))
    return [...departments, ...governments]
  }, [units, townshipOptions])
  const checkpointPlaces = useMemo<NamedPlace[]>(
    () =>
      (checkpointData?.features ?? []).map((f) => ({
        id: String(f.id),
        name: f.properties.name,
        lngLat: f.geometry.coordinates as [number, number],
      })),
    [checkpointData],
  )
  return { townshipOptions, unitOptions, checkpointPlaces }
}
