// The left panel: tabs (图层 / 问题台账) over one body, foldable to a slim bar so the map can
// breathe on small screens. Knows nothing about what the tabs hold.
import type { ReactNode } from 'react'

export interface SideTab {
  id: string
  label: string
  hint?: string // small text after the label, e.g. a count
}

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
        <div className="tabs" role="tablist">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={tab.id === active}
              className={`tab${tab.id === active ? ' is-active' : ''}`}
              data-tab={tab.id}
              onClick={() => {
                onActiveChange(tab.id)
                if (collapsed) onCollapsedChange(false)
              }}
            >
              {tab.label}
              {tab.hint && <span className="tab__hint">{tab.hint}</span>}
            </button>
          ))}
        </div>
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
