// First start: a store without any 测评体系 gets the 示意 system for the current year (Asia/Shanghai),
// scaled to the place profile's shares (a county replaces it by importing its own XLSX); every start
// adds the 示意 点位测评 checklist items not yet stored.
import { place } from '../config/place.ts'
import type { Store } from '../storage/store.ts'
import { demoChecklistItems } from './checklist-demo.ts'
import { demoAssessmentSystem } from './system-demo.ts'

export const systemSeeder = 'system' // updatedBy of the seeded system

/** The assessment year of an instant: the calendar year in China. */
export function assessmentYearOf(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
}

/** Saves the 示意 system when the store has none; returns the year seeded, or undefined. */
export async function seedAssessmentSystem(store: Store, now: Date): Promise<number | undefined> {
  if ((await store.assessmentYears()).length > 0) return undefined
  const year = assessmentYearOf(now)
  const system = demoAssessmentSystem(year, place.assessment.shares, place.assessment.source)
  await store.saveAssessmentSystem(system, systemSeeder, now.toISOString())
  return year
}

/** Adds the 示意 checklist items the store lacks; returns how many. */
export function seedChecklists(store: Store): Promise<number> {
  return store.seedChecklistItems(demoChecklistItems())
}
