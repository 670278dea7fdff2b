// The grid workspace's owners: the township, unit and manager options of the filters and lists,
// and one colour scale each for units and managers (every known one in code order, so colours do
// not shift when grids move).
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { GridRow } from '../../features/grid-admin/api.ts'
import { type ColorMode, colorScale } from '../../features/grid-admin/grid-colors.ts'
import type { Option } from '../../features/grid-admin/grid-table.tsx'

export function useGridOwners(
  allRows: readonly GridRow[],
  units: readonly { code: string; name: string }[] | undefined,
  managers: readonly { id: string; name: string; active: boolean }[] | undefined,
) {
  const townshipOptions = useMemo<Option[]>(() => {
    const seen = new Map<string, string>()
    for (const r of allRows) seen.set(r.townshipCode, r.townshipName)
    return [...seen]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, label]) => ({ value, label }))
  }, [allRows])
  const unitNames = useMemo(() => {
    const out = new Map<string, string>()
    for (const r of allRows) out.set(r.unitCode, r.unitName)
    for (const u of units ?? []) out.set(u.code, u.name)
    return out
  }, [allRows, units])
  const managerNames = useMemo(() => {
    const out = new Map<string, string>()
    for (const r of allRows) if (r.managerId && r.managerName) out.set(r.managerId, r.managerName)
    for (const m of managers ?? []) out.set(m.id, m.name)
    return out
  }, [allRows, managers])
  const managerActive = useMemo(
    () => new Map((managers ?? []).map((m) => [m.id, m.active])),
    [managers],
  )
  const unitOptions = useMemo<Option[]>(
    () =>
      [...unitNames]
        .filter(([code]) => allRows.some((r) => r.unitCode === code))
        .map(([value, label]) => ({ value, label })),
    [unitNames, allRows],
  )
  const managerOptions = useMemo<Option[]>(
    () =>
      [...managerNames]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, label]) => ({ value, label })),
    [managerNames],
  )
  const unitScale = useMemo(() => colorScale(unitNames.keys()), [unitNames])
  const managerScale = useMemo(() => colorScale(managerNames.keys()), [managerNames])
  const nameOf = useCallback(
    (mode: ColorMode, id: string) => (mode === 'unit' ? unitNames : managerNames).get(id),
    [unitNames, managerNames],
  )
  return {
    townshipOptions,
    unitOptions,
    managerOptions,
    managerActive,
    unitScale,
    managerScale,
    nameOf,
  }
}

/** The map colours grids by unit or manager; a rebalance proposal shows in its own terms. */
export function useColorMode(
  proposal: { by: ColorMode } | undefined,
  owners: Pick<ReturnType<typeof useGridOwners>, 'unitScale' | 'managerScale'>,
) {
  const [colorMode, setColorMode] = useState<ColorMode>('unit')
  useEffect(() => {
    if (proposal) setColorMode(proposal.by)
  }, [proposal])
  const activeScale = colorMode === 'unit' ? owners.unitScale : owners.managerScale
  return [colorMode, setColorMode, activeScale] as const
}
