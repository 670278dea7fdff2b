// The left panel: tabs (图层 / 问题台账) over one body, foldable to a slim bar so the map can
// breathe on small screens. Knows nothing about what the tabs hold.
import type { ReactNode } from 'react'
import { type Tab, TabList } from './tab-list.tsx'

export type SideTab = Tab

export interface SidePanelProps {
  tabs: SideTab[]
  active: string
  onActiveChange: (id: string) => void
  collapsed: boolean
  onCollapsedChange: (collapsed: boolean) => void
  wide?: boolean // the ledger needs more room than the layer list
  children: ReactNode
}

export function SidePanel(props: SidePanelProps) {
  const { tabs, active, onActiveChange, collapsed, onCollapsedChange, wide, children } = props
  return (
    <section
      className={`panel side-panel${collapsed ? ' is-collapsed' : ''}${wide ? ' is-wide' : ''}`}
      aria-label="图层与问题台账"
      data-testid="side-panel"
    >
      <header className="panel__header side-panel__header">
        <TabList
          tabs={tabs}
          active={active}
          ids
          onSelect={(id) => {
            onActiveChange(id)
            if (collapsed) onCollapsedChange(false)
          }}
        />
        <button
          type="button"
          className="text-button"
          onClick={() => onCollapsedChange(!collapsed)}
          aria-expanded={!collapsed}
        >
          {collapsed ? '展开' : '收起'}
        </button>
      </header>
      {!collapsed && (
        <div className="side-panel__body" role="tabpanel" aria-labelledby={`tab-${active}`}>
          {children}
        </div>
      )}
    </section>
  )
}
