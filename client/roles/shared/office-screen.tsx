// The office screens (督查, 材料审核) as compositions: the session, the tab the user is on and the
// tabs their role may see, the note for a visitor who is not logged in, all in the office page frame.
// Each screen says only which tabs a user gets and what each tab shows.
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { type SessionUser, sessionQuery } from '../../features/session/api.ts'
import { OfficePage } from '../../ui/office-page.tsx'

export type OfficeTabs<Tab extends string> = readonly (readonly [Tab, string])[]

export function OfficeScreen<Tab extends string>(props: {
  block: string // the screen's own CSS block, e.g. "materials"
  title: string
  initialTab: Tab
  tabsFor: (user: SessionUser) => OfficeTabs<Tab> // none: no tab bar
  loggedOut: string // what a visitor who is not logged in reads
  children: (user: SessionUser, tab: Tab) => ReactNode
}) {
  const session = useQuery(sessionQuery())
  const user = session.data
  const [tab, setTab] = useState<Tab>(props.initialTab)
  return (
    <OfficePage
      block={props.block}
      title={props.title}
      user={user}
      tabs={user ? props.tabsFor(user) : []}
      tab={tab}
      onTab={setTab}
    >
      {user === null && <p className="muted">{props.loggedOut}</p>}
      {user && props.children(user, tab)}
    </OfficePage>
  )
}
