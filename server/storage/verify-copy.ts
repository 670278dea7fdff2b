// Whether a copy is whole: every table has the source's row count, and every issue's history, replayed,
// gives the state stored beside it (pure: the caller reads both stores).
import { isDeepStrictEqual } from 'node:util'
import { type IssueState, type NewIssueEvent, replay } from '../domain/issue.ts'

/** One line per table whose counts differ, in Chinese. */
export function countMismatches(
  source: ReadonlyMap<string, number>,
  target: ReadonlyMap<string, number>,
): string[] {
  return [...source].flatMap(([table, count]) =>
    target.get(table) === count
      ? []
      : [`${table}：源 ${count} 行，目标 ${target.get(table) ?? 0} 行`],
  )
}

/** Why an issue's stored state is not its replayed history, or undefined when it is. */
export function replayMismatch(
  issueId: string,
  stored: IssueState | undefined,
  events: readonly NewIssueEvent[],
): string | undefined {
  if (!stored) return `${issueId}：目标库中没有该问题`
  let replayed: IssueState
  try {
    replayed = replay(events)
  } catch (error) {
    return `${issueId}：历史无法重放（${(error as Error).message}）`
  }
  return isDeepStrictEqual(JSON.parse(JSON.stringify(replayed)), JSON.parse(JSON.stringify(stored)))
    ? undefined
    : `${issueId}：重放历史得到的状态与保存的状态不同`
}
