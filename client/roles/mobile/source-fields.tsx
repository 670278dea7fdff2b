// 问题来源 and 督查轮次 on the phone, as on the desktop form: left empty, the server takes the source
// from the round or the reporter's role (督导员 → 督查组, 网格员 → 网格员巡查); those who record rounds
// (督导员, 管理员) get the round in progress by default.
import type { IssueSource } from '../../../server/domain/supervision.ts'
import { SourceOptions } from '../../features/issues/source-options.tsx'

export interface RoundChoice {
  id: string
  name: string
  current: boolean // today is within its dates
}

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
            <option value="">不属于任何轮次</option>
            {[...rounds]
              .sort((a, b) => Number(b.current) - Number(a.current))
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.current ? `${r.name}（进行中）` : r.name}
                </option>
              ))}
          </select>
        </label>
      )}
    </section>
  )
}
