// A row of tabs (role="tablist"): one button a tab, the active one selected. What a tab shows and
// what else a click does (unfold a panel) is the caller's.

export interface Tab<Id extends string = string> {
  id: Id
  label: string
  hint?: string // small text after the label, e.g. a count
}

export function TabList<Id extends string>(props: {
  tabs: readonly Tab<Id>[]
  active: Id
  onSelect: (id: Id) => void
  className?: string // classes besides `tabs`
  ids?: boolean // each tab gets the id `tab-<id>`, for the panel's aria-labelledby
}) {
  return (
    <div className={props.className ? `tabs ${props.className}` : 'tabs'} role="tablist">
      {props.tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={props.ids ? `tab-${tab.id}` : undefined}
          aria-selected={tab.id === props.active}
          className={`tab${tab.id === props.active ? ' is-active' : ''}`}
          data-tab={tab.id}
          onClick={() => props.onSelect(tab.id)}
        >
          {tab.label}
          {tab.hint && <span className="tab__hint">{tab.hint}</span>}
        </button>
      ))}
    </div>
  )
}
