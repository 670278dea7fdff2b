// The 督查轮次 use cases: create and change a round, 登记到达 at one of its targets, and its detail
// (findings, route, coverage, tallies). Each checks the caller against the role table first.
import { InvalidInput } from '../domain/errors.ts'
import { resolvePeriod } from '../domain/period.ts'
import type { User } from '../domain/roles.ts'
import type { NewRound, Round, RoundTarget } from '../domain/supervision.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { Store } from '../storage/store.ts'
import type { RoundChanges } from '../storage/supervision-store.ts'
import { roundSummary } from './round-summary.ts'
import { allIssues, beijingDate, requireSupervision, roundOr404 } from './supervision-service.ts'

export async function createRound(
  store: Store,
  user: User,
  input: Omit<NewRound, 'createdBy'>,
  now: Date,
) {
  requireSupervision(user, 'round_edit')
  checkRoundDates(input.startsOn, input.endsOn)
  return store.createRound({ ...input, createdBy: user.username }, toIsoString(now.getTime()))
}

export async function updateRound(
  store: Store,
  user: User,
  id: string,
  changes: RoundChanges,
  now: Date,
) {
  requireSupervision(user, 'round_edit')
  const current = await roundOr404(store, id)
  checkRoundDates(changes.startsOn ?? current.startsOn, changes.endsOn ?? current.endsOn)
  return (await store.updateRound(id, changes, toIsoString(now.getTime()))) as Round
}

/**
 * 登记到达: the team was at one of the round's targets today (Beijing), whether or not it found a
 * problem there. Only that target changes, so two teams registering at once do not undo each other's.
 * A target already registered keeps its first day.
 */
export async function registerVisit(
  store: Store,
  user: User,
  id: string,
  target: { kind: RoundTarget['kind']; code: string },
  now: Date,
) {
  requireSupervision(user, 'round_edit')
  const current = await roundOr404(store, id)
  const at = current.targets.findIndex((t) => t.kind === target.kind && t.code === target.code)
  if (at < 0)
    throw new InvalidInput([
      { field: 'code', message: `${JSON.stringify(target.code.slice(0, 64))} 不是本轮的督查对象` },
    ])
  if (current.targets[at]?.visitedOn) return current
  const targets = current.targets.map((t, k) =>
    k === at ? { ...t, visitedOn: beijingDate(now) } : t,
  )
  return (await store.updateRound(id, { targets }, toIsoString(now.getTime()))) as Round
}

function checkRoundDates(startsOn: string, endsOn: string): void {
  try {
    resolvePeriod({ kind: 'round', from: startsOn, to: endsOn }, new Date(0))
  } catch (error) {
    throw new InvalidInput([{ field: 'endsOn', message: (error as Error).message }])
  }
}

export async function roundDetail(store: Store, id: string, now: Date) {
  const round = await roundOr404(store, id)
  return roundSummary(round, await allIssues(store, now, id), now)
}
