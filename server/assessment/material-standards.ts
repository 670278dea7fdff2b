// Where the 材料审核 标准 come from: the 测评体系 in force for the campaign year (that year's, else the
// newest earlier one: a county keeps last year's system until it imports the new one), its 标准 of
// method 材料审核, with 各乡镇 (allTownshipsUnit) spread to every township government. Without any
// system there are none, and no unit has anything to document.
import { allTownshipsUnit, standardsOf } from '../domain/assessment-system.ts'
import type { Store } from '../storage/store.ts'
import type { MaterialStandardSource } from './material-service.ts'

export const noMaterialStandards: MaterialStandardSource = {
  materialStandards: async () => [],
}

/** A fixed list (tests, demos): the same 标准 every year. */
export function fixedMaterialStandards(
  standards: Awaited<ReturnType<MaterialStandardSource['materialStandards']>>,
): MaterialStandardSource {
  return { materialStandards: async () => standards }
}

/** The year of the system in force for `year`: itself, else the newest before it, else the oldest. */
export function systemYearFor(years: readonly number[], year: number): number | undefined {
  const earlier = years.filter((y) => y <= year).sort((a, b) => b - a)
  return earlier[0] ?? [...years].sort((a, b) => a - b)[0]
}

/** The 材料审核 标准 read from the store's 测评体系. */
export function systemMaterialStandards(store: Store): MaterialStandardSource {
  return {
    async materialStandards(year) {
      const systemYear = systemYearFor(await store.assessmentYears(), year)
      if (systemYear === undefined) return []
      const system = await store.assessmentSystem(systemYear)
      if (!system) return []
      const townships = (await store.units())
        .filter((u) => u.kind === 'township' && u.active !== false)
        .map((u) => u.code)
      const spread = (units: readonly string[]) => [
        ...new Set(units.flatMap((u) => (u === allTownshipsUnit ? townships : [u]))),
      ]
      return standardsOf(system)
        .filter((s) => s.method === 'materials')
        .map((s) => ({
          code: s.code,
          name: s.text,
          itemName: s.itemName,
          contentName: s.contentName,
          points: s.points,
          leadUnits: spread(s.leadUnits),
          responsibleUnits: spread(s.responsibleUnits),
        }))
    },
  }
}
