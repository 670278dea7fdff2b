// The wall's live side: the event stream, the feed it fills (a burst of events is one update), and
// the view follower that refetches the shared views one round at a time, never overlapping.
// Polling takes over while the stream is down.
import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { eventStreamUrl, type LiveOptions } from '../../features/stats/api.ts'
import { wallKeys } from '../../features/stats/wall-api.ts'
import { type FeedEvent, mergeFeed, parseStreamEvent } from './live-feed.ts'
import { useEventStream } from './use-event-stream.ts'
import { createViewFollower, type ViewFollower } from './view-follower.ts'

const feedBatchMs = 300 // a burst of pushed events is one feed update
const pollWhileDownMs = 30_000
const pollWhileLiveMs = 5 * 60_000 // "today" rolls over at midnight with no event to say so

export function useWallLive(token: string | undefined) {
  const queryClient = useQueryClient()
  const [feed, setFeed] = useState<FeedEvent[]>([])
  const pending = useRef<FeedEvent[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const flushFeed = useCallback(() => {
    timer.current = undefined
    const batch = pending.current
    pending.current = []
    if (batch.length) setFeed((f) => mergeFeed(f, batch))
  }, [])
  useEffect(() => () => clearTimeout(timer.current), [])
  const follower = useViewFollower(queryClient)

  const streamUrl = useMemo(() => eventStreamUrl({ token }), [token])
  const stream = useEventStream(streamUrl, {
    onIssue: (data) => {
      const event = parseStreamEvent(data)
      if (event && isNews(event)) pending.current.push(event)
      if (pending.current.length > 200) pending.current.splice(0, pending.current.length - 200)
      timer.current ??= setTimeout(flushFeed, feedBatchMs)
    },
    onView: (data) => {
      const view = parseViewFrame(data)
      follower.follow(view.version, view.spreadMs)
    },
    onReset: () => {
      pending.current = []
      setFeed([])
      follower.reset()
      void queryClient.invalidateQueries()
    },
    onReconnect: follower.reset, // the stream announces its current version first
  })
  const live: LiveOptions = useMemo(
    () => ({
      token,
      refetchInterval: stream.status === 'live' ? pollWhileLiveMs : pollWhileDownMs,
    }),
    [token, stream.status],
  )
  return { feed, setFeed, stream, live }
}

/** Imports are not news: a spreadsheet of old issues would push the day's events off the feed. */
export function isNews(event: FeedEvent): boolean {
  return event.action !== 'import'
}

/** `event: view` data: the new version and the spread to start the refetch round within. */
function parseViewFrame(data: string): { version: number; spreadMs: number } {
  const finite = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : 0
  try {
    const frame = JSON.parse(data) as { version?: unknown; spreadMs?: unknown }
    return { version: finite(frame.version), spreadMs: finite(frame.spreadMs) }
  } catch {
    return { version: 0, spreadMs: 0 }
  }
}

/** The view follower, its rounds refetching the active shared-view queries. */
function useViewFollower(queryClient: QueryClient): ViewFollower {
  return useMemo(() => {
    const held = () => {
      const versions = queryClient
        .getQueriesData<{ version?: number }>({ queryKey: wallKeys.all, type: 'active' })
        .map(([, data]) => data?.version ?? 0)
      return versions.length ? Math.min(...versions) : 0
    }
    const round = async () => {
      // joins a fetch already in flight (first load, polling) instead of starting a second
      await queryClient.refetchQueries(
        { queryKey: wallKeys.all, type: 'active' },
        { cancelRefetch: false },
      )
      return held()
    }
    return createViewFollower(round, held)
  }, [queryClient])
}
