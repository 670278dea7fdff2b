// The whole forecast over the store: the year's 测评体系 (the newest stored), the 实地考察 model's
// county result, each point's latest checklist result and the evidence port (forecast-inputs.ts).
import type { Store } from '../storage/store.ts'
import { type AssessmentEvidence, storeEvidence } from './forecast-inputs.ts'
import { type FullForecast, fullForecast } from './forecast-shares.ts'

export interface FieldResult {
  county: { expected: number; low: number; high: number; fixedMean: number | null }
  model: { fixedShare: number }
}

/** The four shares, or undefined while the store has no 测评体系. */
export async function assessmentForecast(
  store: Store,
  field: FieldResult,
  now: Date,
  evidence: AssessmentEvidence = storeEvidence(store),
): Promise<FullForecast | undefined> {
  const [year] = await store.assessmentYears()
  const system = year === undefined ? undefined : await store.assessmentSystem(year)
  if (!system || year === undefined) return undefined
  const fixed = await store.features('checkpoints', {
    properties: { kind: 'fixed' },
    limit: 100_000,
    offset: 0,
  })
  const fixedIds = fixed.features.map((f) => String((JSON.parse(f) as { id: unknown }).id))
  const department = await evidence.departmentScore(year)
  return fullForecast({
    system,
    field: { ...field.county, fixedShare: field.model.fixedShare, fixedIds },
    inspections: await store.latestInspections(),
    materials: await evidence.materialStatuses(year),
    survey: await evidence.latestSurvey(),
    departmentScore: department?.score ?? null,
    ...(department ? { departmentSource: department.source } : {}),
    nowMs: now.getTime(),
  })
}
