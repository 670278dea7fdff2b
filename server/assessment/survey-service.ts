// 问卷调查 use cases over the Store: rounds recorded by hand or imported, their summary (trend of the
// pooled rates, the latest round by township and group, the weakest of each) and who may read them.

import { Forbidden, InvalidInput } from '../domain/errors.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import type { User } from '../domain/roles.ts'
import { cellProblems, type NewSurveyRound, type SurveyRound } from '../domain/survey.ts'
import { roundBreakdown, type SurveySummary, surveyTrend } from '../domain/survey-statistics.ts'
import type { Store } from '../storage/store.ts'

/** Survey figures are the county's own business: 创建办, leaders and planners read them. */
export function assertSurveyReader(user: User): void {
  if (!['admin', 'inspector', 'commander', 'planner'].includes(user.role)) {
    throw new Forbidden('仅创建办、指挥长和规划人员可查看问卷调查')
  }
}

export async function addSurveyRound(
  store: Store,
  user: User,
  round: NewSurveyRound,
  now: Date,
): Promise<SurveyRound> {
  const errors = round.cells.flatMap((cell, i) =>
    cellProblems(cell).map((message) => ({ field: `cells.${i}`, message })),
  )
  const seen = new Set<string>()
  round.cells.forEach((c, i) => {
    const key = `${c.township}\u0000${c.group}`
    if (seen.has(key)) {
      errors.push({ field: `cells.${i}`, message: `${c.township} · ${c.group} 重复` })
    }
    seen.add(key)
  })
  if (errors.length > 0) throw new InvalidInput(errors)
  return store.addSurveyRound(round, user.username, now.toISOString())
}

export async function surveyRoundOr404(store: Store, id: string): Promise<SurveyRound> {
  const round = await store.surveyRound(id)
  if (!round) throw new RecordNotFound(`没有编号为 ${id} 的问卷调查`)
  return round
}

/** The trend over every round and the breakdown of the latest (or the given) round. */
export async function surveySummary(store: Store, roundId?: string): Promise<SurveySummary> {
  const rounds = await store.surveyRounds()
  const trend = surveyTrend(rounds)
  const chosen = roundId
    ? await surveyRoundOr404(store, roundId)
    : rounds.find((r) => r.id === trend[trend.length - 1]?.roundId)
  return {
    trend,
    latest: chosen
      ? { ...roundBreakdown(chosen), name: chosen.name, conductedOn: chosen.conductedOn }
      : null,
  }
}
