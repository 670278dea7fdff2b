// The frame of the field list screens (我的任务, 复查, 待发送): the summary line, the last write's
// message, the empty note, the cards, and the sheet an item is acted on in.
import { type ReactNode, useState } from 'react'

/** How a sheet ends: done with the write's message, or cancelled. */
export interface SheetClose {
  onDone: (message: string) => void
  onCancel: () => void
}

export function CardList<Item>(props: {
  testId: string
  summary: ReactNode
  acting?: Acting<Item> // the item a sheet is open on, and the last write's message
  sheet?: (item: Item, close: SheetClose) => ReactNode // the sheet an item is acted on in
  empty?: string // shown instead of cards when there are none
  children: ReactNode // the cards (<li>)
  after?: ReactNode // under the cards: the buttons
}) {
  const { acting, sheet } = props
  return (
    <div className="m-tasks" data-testid={props.testId}>
      <p className="m-tasks__summary">{props.summary}</p>
      <Flash message={acting?.flash} />
      {props.empty && <p className="m-empty">{props.empty}</p>}
      <ul className="m-cards">{props.children}</ul>
      {acting?.acting && sheet?.(acting.acting, { onDone: acting.done, onCancel: acting.cancel })}
      {props.after}
    </div>
  )
}

export type Acting<Item> = ReturnType<typeof useActing<Item>>

/** The item a sheet is open on and the message of the last write; done closes the sheet with one. */
export function useActing<Item>() {
  const [acting, setActing] = useState<Item>()
  const [flash, setFlash] = useState<string>()
  return {
    acting,
    flash,
    open: (item: Item) => {
      setFlash(undefined)
      setActing(item)
    },
    done: (message: string) => {
      setActing(undefined)
      setFlash(message)
    },
    cancel: () => setActing(undefined),
  }
}

/** What the last write did, announced to screen readers; nothing when there is no message. */
export function Flash({ message }: { message: string | undefined }) {
  if (!message) return null
  return (
    <p className="m-flash" role="status" data-testid="m-flash">
      {message}
    </p>
  )
}
