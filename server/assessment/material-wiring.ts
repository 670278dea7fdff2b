// The 材料审核 settings of this process: the 标准 source (the store's 测评体系), the schedule from the
// place profile (测评日期, 倒排工期), and the wall's 台账 panel over both. Composed by app.ts and main.ts.
import { materialScheduleOf } from '../config/campaign-schedule.ts'
import { place } from '../config/place.ts'
import type { MaterialSchedule } from '../domain/material-schedule.ts'
import type { MaterialPanelSource } from '../live/wall-views.ts'
import type { Store } from '../storage/store.ts'
import { completionOf, type MaterialStandardSource } from './material-service.ts'
import { systemMaterialStandards } from './material-standards.ts'
import { assessmentYearOf } from './system-seed.ts'

export interface MaterialSettings {
  standards: MaterialStandardSource
  schedule: MaterialSchedule
}

/** The place profile's schedule (or 30 June of the current year) and the store's system. */
export function materialSettingsOf(
  store: Store,
  now: Date,
  given: Partial<MaterialSettings> = {},
): MaterialSettings {
  return {
    standards: given.standards ?? systemMaterialStandards(store),
    schedule:
      given.schedule ?? materialScheduleOf(place.assessment.schedule, assessmentYearOf(now)),
  }
}

/** What the wall's 台账 panel shows: completion per unit with names, or null without any task. */
export function materialPanelSource(
  store: Store,
  settings: MaterialSettings,
  now: () => Date,
): MaterialPanelSource {
  return {
    revision: () => store.materialsRevision(),
    async rows() {
      const completion = await completionOf({ store, ...settings, attachmentsDir: '' }, now())
      if (completion.total.tasks === 0) return null
      const names = new Map((await store.units()).map((u) => [u.code, u.name]))
      return {
        year: settings.schedule.year,
        total: completion.total,
        units: completion.units.map((u) => ({
          ...u,
          unitName: names.get(u.unitCode) ?? u.unitCode,
        })),
      }
    },
  }
}
