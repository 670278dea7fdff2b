// The frame every wall panel shares: a titled section with an optional aside (a page count).
import type { ReactNode } from 'react'

export type NameOf = (code: string) => string | undefined

export function Panel(props: {
  title: string
  aside?: ReactNode
  className: string
  testId: string
  children: ReactNode
}) {
  return (
    <section className={`wall-panel ${props.className}`} data-testid={props.testId}>
      <header className="wall-panel__head">
        <h2 className="wall-panel__title">{props.title}</h2>
        {props.aside ? <div className="wall-panel__aside">{props.aside}</div> : null}
      </header>
      <div className="wall-panel__body">{props.children}</div>
    </section>
  )
}
