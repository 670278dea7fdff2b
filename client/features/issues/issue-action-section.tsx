// 办理: the action buttons the server allows this user on one issue, the form of the chosen one,
// or why there is nothing to do (with a 登录 link for visitors). The panel keeps the chosen
// action and the message, which shows above this section.
import { ActionForm } from './action-form.tsx'
import type { CodeName, IssueDetail } from './api.ts'
import { actionButtons, type IssueFormAction } from './issue-actions.ts'

export interface ActionFlash {
  text: string
  tone: 'done' | 'conflict'
}

export function IssueActionSection(props: {
  issue: IssueDetail
  signedIn: boolean
  units: CodeName[]
  active: IssueFormAction | undefined
  onActiveChange: (action: IssueFormAction | undefined) => void
  onFlash: (flash: ActionFlash | undefined) => void
  onLoginRequest: () => void
}) {
  const { issue, active, onActiveChange, onFlash } = props
  const buttons = actionButtons(issue.allowedActions)
  return (
    <section className="issue-actions" aria-label="办理">
      {buttons.length > 0 ? (
        <div className="issue-actions__buttons">
          {buttons.map((b) => (
            <button
              key={b.action}
              type="button"
              className={`button${b.tone === 'danger' ? ' is-danger' : b.tone === 'plain' ? ' is-plain' : ''}${active === b.action ? ' is-pressed' : ''}`}
              data-action={b.action}
              aria-pressed={active === b.action}
              onClick={() => {
                onFlash(undefined)
                onActiveChange(active === b.action ? undefined : b.action)
              }}
            >
              {b.label}
            </button>
          ))}
        </div>
      ) : (
        <p className="issue-actions__none">
          {props.signedIn ? (
            noActionReason(issue)
          ) : (
            <>
              办理问题请先
              <button type="button" className="link-button" onClick={props.onLoginRequest}>
                登录
              </button>
              。
            </>
          )}
        </p>
      )}
      {active && (
        <ActionForm
          key={`${active}-${issue.version}`}
          issue={issue}
          action={active}
          units={props.units}
          onCancel={() => onActiveChange(undefined)}
          onUnauthorized={props.onLoginRequest}
          onDone={(text) => {
            onActiveChange(undefined)
            onFlash({ text, tone: 'done' })
          }}
          onConflict={(text) => {
            onActiveChange(undefined)
            onFlash({ text, tone: 'conflict' })
          }}
        />
      )}
    </section>
  )
}

function noActionReason(issue: IssueDetail): string {
  if (issue.status === 'closed') return '该问题已销号；如需重新打开，请联系系统管理员。'
  return '该问题当前没有需要您办理的操作。'
}
