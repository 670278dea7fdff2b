// The two shared views the server computes for every wall: the county map's aggregates and this
// scope's panels; a view's recent events join the feed. The map starts once the figures are in.
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { LiveOptions } from '../../features/stats/api.ts'
import { wallMapQuery, wallViewQuery } from '../../features/stats/wall-api.ts'
import { type FeedEvent, mergeFeed, toFeedEvent } from './live-feed.ts'
import { isNews } from './use-wall-live.ts'

const mapStartFallbackMs = 1000 // start the map anyway when the figures are slow to come

export function useWallViews(
  filter: { township?: string },
  live: LiveOptions,
  setFeed: (update: (feed: FeedEvent[]) => FeedEvent[]) => void,
) {
  const mapView = useQuery(wallMapQuery(live))
  const view = useQuery(wallViewQuery(filter, live))
  useEffect(() => {
    if (!view.data) return
    const events = view.data.recent
      .map(toFeedEvent)
      .filter((e): e is FeedEvent => e !== undefined && isNews(e))
    setFeed((f) => mergeFeed(f, events))
  }, [view.data, setFeed])

  // The map starts once the figures are in (or after a second): making it compiles its shaders,
  // which holds the page's one thread for seconds under software GL, and the figures come first.
  const [mapStarted, setMapStarted] = useState(false)
  const figuresIn = view.data !== undefined || view.isError
  useEffect(() => {
    if (mapStarted) return
    if (figuresIn) {
      const frame = requestAnimationFrame(() => setMapStarted(true)) // after the figures' frame
      return () => cancelAnimationFrame(frame)
    }
    const t = setTimeout(() => setMapStarted(true), mapStartFallbackMs)
    return () => clearTimeout(t)
  }, [figuresIn, mapStarted])
  return { mapView, view, mapStarted }
}
