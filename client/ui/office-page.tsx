// The frame of the office screens (督查, 材料审核): a dark title bar with the page's tabs and the user
// menu, the login dialog, and the page body. Each screen adds its own block class for its columns.
import { type ReactNode, useState } from 'react'
import { roleLabels } from '../../server/domain/labels-zh.ts'
import type { SessionUser } from '../features/session/api.ts'
import { LoginDialog } from '../features/session/login-dialog.tsx'
import { UserMenu } from '../features/session/user-menu.tsx'
import './office-page.css'

export function OfficePage<Tab extends string>(props: {
  block: string // the screen's own CSS block, e.g. "materials"
  title: string
  user: SessionUser | null | undefined
  tabs: readonly (readonly [Tab, string])[] // none: no tab bar
  tab: Tab
  onTab: (tab: Tab) => void
  children: ReactNode
}) {
  const [loginOpen, setLoginOpen] = useState(false)
  return (
    <div className={`office-page ${props.block}`}>
      <header className="office-page__header">
        <h1>{props.title}</h1>
        {props.tabs.length > 0 && (
          <nav className="office-page__tabs" aria-label={props.title}>
            {props.tabs.map(([key, label]) => (
              <button
                key={key}
                type="button"
                aria-pressed={props.tab === key}
                data-testid={`tab-${key}`}
                onClick={() => props.onTab(key)}
              >
                {label}
              </button>
            ))}
          </nav>
        )}
        <UserMenu
          user={props.user}
          roleLabel={(r) => roleLabels[r as keyof typeof roleLabels] ?? r}
          onLoginRequest={() => setLoginOpen(true)}
          onLoggedOut={() => undefined}
        />
      </header>
      {loginOpen && (
        <LoginDialog onClose={() => setLoginOpen(false)} onLoggedIn={() => setLoginOpen(false)} />
      )}
      <main className="office-page__main">{props.children}</main>
    </div>
  )
}
