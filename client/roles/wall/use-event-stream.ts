// The wall's live connection: an EventSource on /api/events/stream. EventSource reconnects by
// itself and sends Last-Event-ID, so the server replays what was missed; when the browser gives up
// (the answer was not an event stream, e.g. the server was down behind a proxy) a new one is opened
// after a pause, and since it cannot say where it stopped, everything is refetched.
import { useEffect, useRef, useState } from 'react'

export type StreamStatus = 'connecting' | 'live' | 'down'

export interface StreamState {
  status: StreamStatus
  since: number // ms epoch when this status began
}

export interface StreamHandlers {
  onIssue: (data: string) => void // `event: issue` (data is JSON text)
  onView?: (data: string) => void // `event: view`: a new version of the shared views
  onReset: () => void // `event: reset`, or a new connection that cannot catch up: refetch all
  onReconnect: () => void // back after a drop (the server replayed the gap)
}

const reopenAfterMs = 5000 // after the browser closed the stream for good

export function useEventStream(url: string | undefined, handlers: StreamHandlers): StreamState {
  const [state, setState] = useState<StreamState>({ status: 'connecting', since: Date.now() })
  const handlersRef = useRef(handlers)
  handlersRef.current = handlers

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return
    let source: EventSource | undefined
    let reopenTimer: ReturnType<typeof setTimeout> | undefined
    let wasDown = false
    let fresh = false // a new EventSource: it sends no Last-Event-ID
    let disposed = false

    const set = (status: StreamStatus) =>
      setState((s) => (s.status === status ? s : { status, since: Date.now() }))

    const onOpen = () => {
      set('live')
      if (fresh) handlersRef.current.onReset()
      else if (wasDown) handlersRef.current.onReconnect()
      wasDown = false
      fresh = false
    }
    const onIssue = (event: MessageEvent<string>) => handlersRef.current.onIssue(event.data)
    const onReset = () => handlersRef.current.onReset()
    const onView = (event: MessageEvent<string>) => handlersRef.current.onView?.(event.data)
    const onError = () => {
      wasDown = true
      set('down')
      if (source?.readyState === EventSource.CLOSED) {
        close()
        reopenTimer = setTimeout(() => {
          reopenTimer = undefined
          if (!disposed) open(true)
        }, reopenAfterMs)
      }
    }
    function open(isFresh: boolean) {
      fresh = isFresh
      source = new EventSource(url as string)
      source.addEventListener('open', onOpen)
      source.addEventListener('issue', onIssue)
      source.addEventListener('reset', onReset)
      source.addEventListener('view', onView)
      source.addEventListener('error', onError)
    }
    function close() {
      if (!source) return
      source.removeEventListener('open', onOpen)
      source.removeEventListener('issue', onIssue)
      source.removeEventListener('reset', onReset)
      source.removeEventListener('view', onView)
      source.removeEventListener('error', onError)
      source.close()
      source = undefined
    }

    open(false)
    return () => {
      disposed = true
      if (reopenTimer) clearTimeout(reopenTimer)
      close()
    }
  }, [url])

  return state
}
