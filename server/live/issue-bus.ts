// The in-process bus the ledger's writes publish on and the wall's event streams listen to. One
// process, no broker: a write and every open stream share the event loop.
import type { IssueEvent } from '../domain/issue.ts'

export type LiveMessage =
  | { type: 'issue'; seq: number; event: IssueEvent; frame: string } // frame: the SSE text, built once
  | { type: 'reset'; seq: number } // the ledger was reloaded: clients refetch everything

export type LiveListener = (message: LiveMessage) => void

export class IssueBus {
  private readonly listeners = new Set<LiveListener>()

  /** Adds a listener; the returned function removes it (idempotent). */
  subscribe(listener: LiveListener): () => void {
    // a wrapper per subscription, so one function subscribed twice is two listeners
    const entry: LiveListener = (message) => listener(message)
    this.listeners.add(entry)
    return () => {
      this.listeners.delete(entry)
    }
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  publish(message: LiveMessage): void {
    for (const listener of this.listeners) listener(message)
  }
}
