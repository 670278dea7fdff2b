// 督查 (/supervision): rounds and documents for 督导员, 指挥长 and 管理员 — create a round, see its findings,
// route and coverage, draft / edit / issue a 督查通报, issue a 整改通知书, download DOCX and PDF; a unit
// operator sees the notices addressed to their unit and signs for them (签收). A thin composition of
// the supervision and session features.
import { roleLabels } from '../../../server/domain/labels-zh.ts'
import { OfficeScreen } from '../shared/office-screen.tsx'
import { AccountabilityTab } from './accountability-tab.tsx'
import { DocumentsTab } from './documents-tab.tsx'
import { ReminderSettingsTab } from './reminder-settings-tab.tsx'
import { RoundsTab } from './rounds-tab.tsx'
import { SettingsTab } from './settings-tab.tsx'
import { SummaryTab } from './summary-tab.tsx'
import { UnitNotices } from './unit-notices.tsx'
import './supervision.css'

const readers = new Set(['inspector', 'commander', 'admin'])

type Tab = 'rounds' | 'documents' | 'summary' | 'accountability' | 'settings' | 'reminders'

// ?unit=CODE opens the unit's page: its 问责 records
const unitParam = new URLSearchParams(location.search).get('unit') ?? undefined

export function SupervisionScreen() {
  return (
    <OfficeScreen<Tab>
      block="supervision"
      title="督查 · 轮次与文书"
      initialTab={unitParam ? 'accountability' : 'rounds'}
      tabsFor={(user) =>
        readers.has(user.role)
          ? [
              ['rounds', '督查轮次'],
              ['documents', '通报与通知书'],
              ['summary', '时段统计'],
              ['accountability', '问责'],
              ...(user.role === 'admin'
                ? ([
                    ['settings', '文书设置'],
                    ['reminders', '催办设置'],
                  ] as const)
                : []),
            ]
          : []
      }
      loggedOut="请先登录。督导员、指挥长、管理员可使用督查功能；责任单位经办人可查看并签收本单位的整改通知书。"
    >
      {(user, tab) => (
        <>
          {user.role === 'unit-operator' && <UnitNotices username={user.username} />}
          {user.role === 'unit-operator' && user.unitCode && (
            <AccountabilityTab unit={user.unitCode} canRecord={false} />
          )}
          {!readers.has(user.role) && user.role !== 'unit-operator' && (
            <p className="muted">
              {roleLabels[user.role as keyof typeof roleLabels] ?? user.role}无督查权限。
            </p>
          )}
          {readers.has(user.role) && tab === 'rounds' && (
            <RoundsTab canEdit={user.role !== 'commander'} />
          )}
          {readers.has(user.role) && tab === 'documents' && (
            <DocumentsTab username={user.username} />
          )}
          {readers.has(user.role) && tab === 'summary' && <SummaryTab />}
          {readers.has(user.role) && tab === 'accountability' && (
            <AccountabilityTab
              {...(unitParam ? { unit: unitParam } : {})}
              canRecord={user.role === 'admin' || user.role === 'commander'}
            />
          )}
          {user.role === 'admin' && tab === 'settings' && <SettingsTab />}
          {user.role === 'admin' && tab === 'reminders' && <ReminderSettingsTab />}
        </>
      )}
    </OfficeScreen>
  )
}
