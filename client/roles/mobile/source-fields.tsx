// 问题来源 and 督查轮次 on the phone, as on the desktop form: left empty, the server takes the source
// from the round or the reporter's role (督导员 → 督查组, 网格员 → 网格员巡查); those who record rounds
// (督导员, 管理员) get the round in progress by default.
import type { IssueSource } from '../../../server/domain/supervision.ts'
import {
  type RoundOption,
  RoundOptions,
  SourceOptions,
} from '../../features/issues/source-options.tsx'

export type RoundChoice = RoundOption

/** The round a report goes into: the one chosen, else the only round in progress, else none. */
export function defaultRoundId(rounds: readonly RoundChoice[], chosen?: string): string {
  if (chosen !== undefined) return chosen
  const current = rounds.filter((r) => r.current)
  return current.length === 1 ? (current[0]?.id ?? '') : ''
}

export function SourceFields(props: {
  source: IssueSource | ''
  onSource: (source: IssueSource | '') => void
  rounds?: readonly RoundChoice[] // undefined: this user records no rounds
  roundId: string
  onRound: (id: string) => void
  disabled: boolean
}) {
  const { rounds, roundId, disabled } = props
  return (
    <section className="m-section m-fields" aria-label="问题来源">
      <label className="m-field">
        <span className="m-section__title">问题来源</span>
        <select
          name="source"
          className="m-select"
          value={props.source}
          disabled={disabled}
          onChange={(e) => props.onSource(e.target.value as IssueSource | '')}
        >
          <SourceOptions byRound={Boolean(roundId)} />
        </select>
      </label>
      {rounds && (
        <label className="m-field">
          <span className="m-section__title">督查轮次</span>
          <select
            name="round"
            className="m-select"
            value={roundId}
            disabled={disabled}
            onChange={(e) => props.onRound(e.target.value)}
          >
            <RoundOptions rounds={rounds} />
          </select>
        </label>
      )}
    </section>
  )
}
