// One Server-Sent Events stream of the ledger's issue events (wall-api.md "Live push"): `retry`, an
// `id:` for a client without Last-Event-ID, then with Last-Event-ID the missed events from issue_events (or `event: reset` past the catch-up limit),
// then live events from the bus, deduplicated by seq; a `: ping` comment keeps proxies from closing it.
import type { Request, Response } from 'express'
import type { IssueState } from '../../domain/issue.ts'
import { FrameBatch } from '../../live/frame-batch.ts'
import type { LiveMessage } from '../../live/issue-bus.ts'
import { type LiveLedger, toIssueFrame, toResetFrame } from '../../live/live-ledger.ts'
import type { WallViews } from '../../live/wall-views.ts'

export async function serveEventStream(
  req: Request,
  res: Response,
  live: LiveLedger,
  afterSeq: number | undefined,
  views?: WallViews, // the wall's `event: view` frames (a new version of the shared views)
): Promise<void> {
  const { heartbeatMs, retryMs, catchUpLimit, maxBufferedBytes, frameBatchMs } = live.options
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    // no-transform: compression() leaves the response alone, so no event waits in a gzip buffer
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no', // nginx: pass events through unbuffered
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }

  // without Last-Event-ID: what happens from now on, counted from the log's head at this moment
  // rather than this process's view of it, which lags while its snapshot loads or its change feed
  // catches up (events folded into the snapshot would otherwise never reach this stream)
  const from = afterSeq ?? (await live.source.latestIssueEvents(1))[0]?.seq ?? 0
  let closed = false
  let sentSeq = from
  let caughtUp = false
  const pending: LiveMessage[] = [] // live messages that arrive while the catch-up is read
  const batch = new FrameBatch((text) => {
    if (closed) return
    res.write(text)
    // a client that stops reading is dropped rather than buffered without bound; it reconnects
    if (res.writableLength > maxBufferedBytes) {
      closed = true
      res.destroy()
    }
  }, frameBatchMs)
  const write = (text: string) => {
    if (!closed) batch.push(text)
  }
  const reset = (seq: number) => {
    write(toResetFrame(seq))
    sentSeq = seq
  }
  const send = (message: LiveMessage) => {
    if (message.type === 'reset') reset(message.seq)
    else if (message.seq > sentSeq) {
      write(message.frame)
      sentSeq = message.seq
    }
  }
  const unsubscribe = live.bus.subscribe((message) => {
    if (caughtUp) send(message)
    else pending.push(message)
  })
  const unview = views?.subscribe(write)
  const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs)
  const untrack = live.track(() => {
    batch.flush()
    res.end()
  })
  res.on('close', () => {
    closed = true
    batch.discard()
    unsubscribe()
    unview?.()
    clearInterval(heartbeat)
    untrack()
  })
  write(`retry: ${retryMs}\n\n`)
  // an id-only frame dispatches nothing but sets EventSource's Last-Event-ID: a client whose
  // process dies before the first event still reconnects from here, not from the new head
  if (afterSeq === undefined) write(`id: ${from}\n\n`)
  if (views) write(views.currentFrame)

  // a client back from another process (a replaced cluster worker) may have seen events this one
  // has not read from the log yet
  if (from > live.lastSeq) await live.catchUp()
  if (from > live.lastSeq) {
    reset(live.lastSeq) // the client saw a ledger this server does not have (a replaced database)
  } else {
    const missed = await live.source.issueEventsAfter(from, catchUpLimit + 1)
    if (missed.length > catchUpLimit) {
      reset(live.lastSeq)
    } else {
      const states = new Map<string, IssueState | undefined>()
      for (const event of missed) {
        if (closed) return
        if (!states.has(event.issueId)) {
          states.set(event.issueId, await live.source.issue(event.issueId))
        }
        write(toIssueFrame(event, states.get(event.issueId), live.now()))
        sentSeq = event.seq
      }
    }
  }
  for (const message of pending) send(message)
  pending.length = 0
  caughtUp = true
}
