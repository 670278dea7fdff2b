// Small pieces the 督查 tabs share.
import type { ReactNode } from 'react'

/** An instant as the county reads it, in Beijing time. */
export const beijingTime = (iso?: string) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : ''

export function Kpi({
  label,
  value,
  note,
}: {
  label: string
  value: string | number
  note?: string
}) {
  return (
    <div className="kpi">
      <span className="kpi__value">{value}</span>
      <span className="kpi__label">{label}</span>
      {note && <span className="kpi__note">{note}</span>}
    </div>
  )
}

/**
 * A tab of two columns: a card listing the items (one pressed, the selected one) with what follows
 * the list, beside the selected item's panel.
 */
export function PickList<Item extends { id: string }>(props: {
  title: string
  testId: string // the list's
  items: readonly Item[] | undefined
  selected: string | undefined
  onSelect: (id: string) => void
  label: (item: Item) => ReactNode // the item's button content
  notes?: ReactNode // list items after the items: loading, empty
  children?: ReactNode // under the list: forms to add items
  detail: ReactNode // the selected item's panel
}) {
  return (
    <div className="supervision__columns">
      <section className="card">
        <h2>{props.title}</h2>
        <ul className="list" data-testid={props.testId}>
          {props.items?.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                aria-pressed={item.id === props.selected}
                onClick={() => props.onSelect(item.id)}
              >
                {props.label(item)}
              </button>
            </li>
          ))}
          {props.notes}
        </ul>
        {props.children}
      </section>
      {props.detail}
    </div>
  )
}

/** A row of checkboxes, one per item, each labelled; what follows them (an empty note) after. */
export function Checks<Item>(props: {
  items: readonly Item[] | undefined
  value: (item: Item) => string
  checked: (item: Item) => boolean
  onToggle: (item: Item, on: boolean) => void
  label: (item: Item) => ReactNode
  children?: ReactNode
}) {
  return (
    <div className="checks">
      {props.items?.map((item) => (
        <label key={props.value(item)}>
          <input
            type="checkbox"
            value={props.value(item)}
            checked={props.checked(item)}
            onChange={(e) => props.onToggle(item, e.target.checked)}
          />
          {props.label(item)}
        </label>
      ))}
      {props.children}
    </div>
  )
}
