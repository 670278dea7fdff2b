// The 问题来源 and 督查轮次 choices of a report form (desktop and phone): an empty source lets the
// server decide, from the round when one is chosen, else from the reporter's role.
import { issueSourceLabels, issueSources } from '../../../server/domain/supervision.ts'
import { SelectOptions } from '../../ui/labelled-select.tsx'

export function SourceOptions({ byRound }: { byRound: boolean }) {
  return (
    <>
      <option value="">{byRound ? '按督查轮次' : '按上报人身份'}（自动）</option>
      {issueSources.map((s) => (
        <option key={s} value={s}>
          {issueSourceLabels[s]}
        </option>
      ))}
    </>
  )
}

/** A round a report may go into. */
export interface RoundOption {
  id: string
  name: string
  current: boolean // today is within its dates: offered first
}

/** 不属于任何轮次, then the rounds, those in progress first and marked （进行中）. */
export function RoundOptions({ rounds }: { rounds: readonly RoundOption[] }) {
  return (
    <SelectOptions
      empty="不属于任何轮次"
      options={[...rounds]
        .sort((a, b) => Number(b.current) - Number(a.current))
        .map((r) => ({ value: r.id, label: r.current ? `${r.name}（进行中）` : r.name }))}
    />
  )
}
