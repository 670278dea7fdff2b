// The forecast's evidence from 材料审核 and 问卷调查 (the AssessmentEvidence port of forecast-inputs.ts)
// over this store's tables. A 标准 is scored by its weakest unit: documented and accepted only when
// every unit that must document it has an approved material. Pure except for the reads.

import type { MaterialTask } from '../domain/material-completion.ts'
import { pooled, surveyTrend } from '../domain/survey-statistics.ts'
import type { Store } from '../storage/store.ts'
import type { MaterialStatus as EvidenceStatus, SurveyRates } from './forecast-inputs.ts'
import { tasksOf } from './material-service.ts'
import type { MaterialSettings } from './material-wiring.ts'

const rank: Readonly<Record<EvidenceStatus, number>> = {
  missing: 0,
  returned: 1,
  submitted: 2,
  approved: 3,
}

const toEvidence = (s: MaterialTask['status']): EvidenceStatus => (s === 'draft' ? 'missing' : s)

/** One status per 标准: the lowest of its units' (missing < returned < submitted < approved). */
export function standardStatuses(
  tasks: readonly MaterialTask[],
): { standardCode: string; status: EvidenceStatus }[] {
  const lowest = new Map<string, EvidenceStatus>()
  for (const t of tasks) {
    const status = toEvidence(t.status)
    const held = lowest.get(t.standardCode)
    if (held === undefined || rank[status] < rank[held]) lowest.set(t.standardCode, status)
  }
  return [...lowest].map(([standardCode, status]) => ({ standardCode, status }))
}

/** The latest round's county-wide rates, pooled by counts. */
export async function latestSurveyRates(store: Store): Promise<SurveyRates | null> {
  const rounds = await store.surveyRounds()
  const latest = surveyTrend(rounds).at(-1)
  if (!latest || latest.sampleSize === 0) return null
  const round = rounds.find((r) => r.id === latest.roundId)
  if (!round) return null
  const f = pooled(round.cells)
  return {
    knowledge: f.awareness.rate ?? 0,
    support: f.support.rate ?? 0,
    satisfaction: f.satisfaction.rate ?? 0,
    n: latest.sampleSize,
  }
}

/** The campaign's material statuses (the schedule's year, under the 测评体系 in force for it). */
export async function materialEvidence(
  store: Store,
  settings: MaterialSettings,
  now: Date,
): Promise<{ standardCode: string; status: EvidenceStatus }[]> {
  const { tasks } = await tasksOf({ store, ...settings, attachmentsDir: '' }, now)
  return standardStatuses(tasks)
}
