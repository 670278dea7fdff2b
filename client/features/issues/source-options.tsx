// The 问题来源 choices of a report form (desktop and phone): empty lets the server decide, from the
// round when one is chosen, else from the reporter's role.
import { issueSourceLabels, issueSources } from '../../../server/domain/supervision.ts'

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
