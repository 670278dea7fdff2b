// The 测评体系's use cases: list the years, read one, export it as XLSX, and replace a year by
// importing an XLSX (administrators only; all or nothing, every problem named).
import {
  type AssessmentSystemRecord,
  allTownshipsUnit,
  countsOf,
  methodTotals,
  systemProblems,
} from '../domain/assessment-system.ts'
import { Forbidden, ImportFailed } from '../domain/errors.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { type ExportFile, mediaTypes } from '../exchange/export-file.ts'
import { fileError } from '../exchange/import-error.ts'
import type { Store } from '../storage/store.ts'
import { fromSystemXlsx, toSystemXlsx } from './system-xlsx.ts'

export const xlsxType: string = mediaTypes.xlsx

export interface SystemSummary {
  year: number
  name: string
  illustrative: boolean
  counts: ReturnType<typeof countsOf>
  totals: ReturnType<typeof methodTotals>
  updatedBy: string
  updatedAt: string
}

export function toSystemSummary(system: AssessmentSystemRecord): SystemSummary {
  return {
    year: system.year,
    name: system.name,
    illustrative: system.illustrative,
    counts: countsOf(system),
    totals: methodTotals(system),
    updatedBy: system.updatedBy,
    updatedAt: system.updatedAt,
  }
}

/** Every year's system, newest first, without its rows. */
export async function listSystems(store: Store): Promise<SystemSummary[]> {
  const found: SystemSummary[] = []
  for (const year of await store.assessmentYears()) {
    const system = await store.assessmentSystem(year)
    if (system) found.push(toSystemSummary(system))
  }
  return found
}

export async function systemOr404(store: Store, year: number): Promise<AssessmentSystemRecord> {
  const system = await store.assessmentSystem(year)
  if (!system) throw new RecordNotFound(`没有 ${year} 年度的测评体系`)
  return system
}

export async function exportSystem(store: Store, year: number): Promise<ExportFile> {
  const system = await systemOr404(store, year)
  return {
    body: await toSystemXlsx(system, await store.units()),
    contentType: xlsxType,
    fileName: `${system.name}.xlsx`,
  }
}

/** Replaces the file's year with the system it holds; throws ImportFailed naming every problem. */
export async function importSystem(
  store: Store,
  user: User,
  bytes: Uint8Array,
  now: Date,
): Promise<SystemSummary> {
  if (!hasPermission(user, 'assessment_edit')) throw new Forbidden('仅管理员可导入测评体系')
  const units = await store.units()
  const parsed = await fromSystemXlsx(bytes, units)
  if ('errors' in parsed) throw new ImportFailed(parsed.errors)
  const problems = systemProblems(
    parsed.system,
    new Set([...units.map((u) => u.code), allTownshipsUnit]),
  )
  if (problems.length > 0) throw new ImportFailed(problems.map(fileError))
  await store.saveAssessmentSystem(parsed.system, user.username, now.toISOString())
  return toSystemSummary(await systemOr404(store, parsed.system.year))
}
