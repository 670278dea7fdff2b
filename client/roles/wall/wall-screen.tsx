// 指挥部大屏 (/wall): a read-only wall screen for the commanders. A 1920×1080 design canvas scaled to
// the screen; the county map in the centre with the open issues (heatmap, hexagons or grids, in
// turn), KPIs, the 30-day trend and 台账 completion on the left, the 红黑榜 and a live feed on the
// right. The server computes the figures once per batch of changes for every screen and announces
// each new version over Server-Sent Events (`event: view`); the wall then fetches the two shared
// views (ETag/304), one round at a time, never overlapping. Polling takes over while the stream is
// down; a tour visits the townships in turn.
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query'
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { attributionZh } from '../../../server/domain/labels-zh.ts'
import { syntheticDisclaimer } from '../../../server/domain/layer-status.ts'
import type {
  PlaceCollection,
  PlaceProperties,
  TownshipRadiusCollection,
} from '../../features/boundaries/api.ts'
import { toBaseSources } from '../../features/boundaries/layers.ts'
import {
  eventStreamUrl,
  getJson,
  type LiveOptions,
  tokenCollectionQuery,
} from '../../features/stats/api.ts'
import type { GridAreas, StatsLayerKind } from '../../features/stats/layers.ts'
import { wallKeys, wallMapQuery, wallViewQuery } from '../../features/stats/wall-api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { useLayerStatus } from '../../lib/place.ts'
import { accountabilitySummaryQuery } from './accountability-summary.ts'
import { type CanvasFit, fitCanvas } from './canvas-scale.ts'
import { type FeedEvent, mergeFeed, parseStreamEvent, toFeedEvent } from './live-feed.ts'
import { useEventStream } from './use-event-stream.ts'
import { createViewFollower, type ViewFollower } from './view-follower.ts'
import { CompletionPanel } from './wall-completion.tsx'
import { shortUnitName } from './wall-format.ts'
import { WallMap } from './wall-map.tsx'
import { FeedPanel, KpiPanel, RankingPanel, TrendPanel } from './wall-panels.tsx'
import { parseWallParams, wallLayers } from './wall-params.ts'
import { TitleBar, type TitleBarProps } from './wall-title.tsx'
import { WallTokenPage } from './wall-token-page.tsx'
import { nextStop, tourStart, tourStops } from './wall-tour.ts'
import './wall.css'

const feedBatchMs = 300 // a burst of pushed events is one feed update
const pollWhileDownMs = 30_000
const pollWhileLiveMs = 5 * 60_000 // "today" rolls over at midnight with no event to say so
const mapStartFallbackMs = 1000 // start the map anyway when the figures are slow to come
const hexRadiusMeters = 1500 // a cell ≈ 40 design px across county-wide (the server's view uses it)

type Areas = Polygon | MultiPolygon

export function WallScreen() {
  const disclaimer = syntheticDisclaimer(useLayerStatus()) // only the layers still 示意
  const [params] = useState(() => parseWallParams(location.search))
  const fit = useCanvasFit()
  const queryClient = useQueryClient()
  const token = params.token

  // ---- live: the stream, the feed, the shared views one round at a time ----
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

  // ---- the map's context (OGC collections) and names ----
  const auth = { token }
  const county = useQuery(tokenCollectionQuery<Areas, PlaceProperties>('county', auth))
  const accountability = useQuery(accountabilitySummaryQuery(auth))
  const neighbors = useQuery(tokenCollectionQuery<Areas, PlaceProperties>('neighbors', auth))
  const townships = useQuery(tokenCollectionQuery<Areas, PlaceProperties>('townships', auth))
  const seats = useQuery(tokenCollectionQuery<Point, PlaceProperties>('seats', auth))
  const rivers = useQuery(tokenCollectionQuery<LineString, PlaceProperties>('rivers', auth))
  const villages = useQuery(tokenCollectionQuery<Point, PlaceProperties>('villages', auth))
  const radii = useQuery(
    tokenCollectionQuery<Polygon, Record<string, unknown>>('township-radii', auth),
  )
  const grids = useQuery(tokenCollectionQuery<Areas, { gridCode: string }>('grids', auth))
  const units = useQuery({
    queryKey: ['units', 'wall'],
    queryFn: () => getJson<{ code: string; name: string }[]>('api/units', {}, auth),
    staleTime: 30 * 60_000,
  })

  const baseSources = useMemo(
    () =>
      toBaseSources({
        county: county.data as PlaceCollection | undefined,
        neighbors: neighbors.data as PlaceCollection | undefined,
        townships: townships.data as PlaceCollection | undefined,
        seats: seats.data as PlaceCollection | undefined,
        rivers: rivers.data as PlaceCollection | undefined,
        villages: villages.data as PlaceCollection | undefined,
      }),
    [county.data, neighbors.data, townships.data, seats.data, rivers.data, villages.data],
  )
  const townshipNames = useMemo(
    () =>
      new Map(
        (townships.data?.features ?? []).map((f) => [
          String(f.properties.code),
          String(f.properties.name ?? ''),
        ]),
      ),
    [townships.data],
  )
  const unitNames = useMemo(
    () => new Map((Array.isArray(units.data) ? units.data : []).map((u) => [u.code, u.name])),
    [units.data],
  )
  const townshipName = useCallback((code: string) => townshipNames.get(code), [townshipNames])
  const unitName = useCallback(
    (code: string) => shortUnitName(code, unitNames.get(code)),
    [unitNames],
  )

  // ---- tour and layer cycle ----
  const stops = useMemo(() => tourStops(townships.data?.features), [townships.data])
  const [stopIndex, setStopIndex] = useState<number | undefined>()
  useEffect(() => {
    if (!stops.length) return
    setStopIndex((i) => i ?? tourStart(stops, params.township))
    if (!params.tour) return
    const t = setInterval(
      () => setStopIndex((i) => nextStop(i ?? 0, stops.length)),
      params.tourSeconds * 1000,
    )
    return () => clearInterval(t)
  }, [stops, params.tour, params.township, params.tourSeconds])
  const stop =
    params.tour || params.township
      ? stopIndex === undefined
        ? undefined
        : stops[stopIndex]
      : undefined
  const stopCode = stop?.code
  const filter = useMemo(() => (stopCode ? { township: stopCode } : {}), [stopCode])
  const stopArea = useMemo(
    () => townships.data?.features.find((f) => String(f.properties.code) === stopCode),
    [townships.data, stopCode],
  )

  const [cycle, setCycle] = useState(0)
  useEffect(() => {
    if (params.layer) return
    const t = setInterval(() => setCycle((c) => c + 1), params.cycleSeconds * 1000)
    return () => clearInterval(t)
  }, [params.layer, params.cycleSeconds])
  const shown: StatsLayerKind = params.layer ?? wallLayers[cycle % wallLayers.length] ?? 'heatmap'

  // ---- the shared views: the county map's aggregates and this scope's panels ----
  const mapView = useQuery(wallMapQuery(live))
  const view = useQuery(wallViewQuery(filter, live))
  useEffect(() => {
    if (!view.data) return
    const events = view.data.recent
      .map(toFeedEvent)
      .filter((e): e is FeedEvent => e !== undefined && isNews(e))
    setFeed((f) => mergeFeed(f, events))
  }, [view.data])

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

  const context = [county, neighbors, townships, seats, rivers, villages, radii, grids]
  const mapReady = context.every((q) => !q.isPending) && !mapView.isPending

  // ---- freshness: the stream, and whether the figures still load ----
  const freshness = useMemo<TitleBarProps['freshness']>(() => {
    if (stream.status === 'down') return { state: 'stale', since: stream.since }
    if (view.isError) return { state: 'stale', since: view.dataUpdatedAt || stream.since }
    return { state: stream.status === 'live' ? 'live' : 'connecting', since: stream.since }
  }, [stream.status, stream.since, view.isError, view.dataUpdatedAt])

  // a wrong token (or none where reads need one): one clear page, not a wall of errors
  const unauthorized = [view, mapView, county, townships, grids, units].some(
    (q) => q.error instanceof ApiError && q.error.status === 401,
  )
  if (unauthorized) return <WallTokenPage hasToken={Boolean(token)} />

  const scope = stop?.name ?? '全县'
  return (
    <div className="wall-root">
      <div
        className="wall"
        data-testid="wall"
        data-township={stopCode ?? ''}
        style={{ left: fit.left, top: fit.top, width: fit.width, height: fit.height }}
      >
        <TitleBar scope={scope} freshness={freshness} />
        <div className="wall-body">
          <div className="wall-col wall-col--left">
            <KpiPanel scope={scope} view={view.data} />
            <TrendPanel view={view.data} scale={fit.scale} />
            <CompletionPanel view={view.data} unitName={unitName} />
          </div>
          <WallMap
            scale={fit.scale}
            shown={shown}
            baseSources={baseSources}
            heatBins={mapView.data?.heat}
            hexagons={mapView.data?.hexagons}
            hexRadiusMeters={hexRadiusMeters}
            grids={grids.data as GridAreas | undefined}
            gridRows={mapView.data?.grids}
            radii={radii.data as TownshipRadiusCollection | undefined}
            ready={mapReady}
            started={mapStarted}
            stop={stop}
            stopArea={stopArea}
            tour={
              params.tour && stopIndex !== undefined
                ? { stops, index: stopIndex, seconds: params.tourSeconds }
                : undefined
            }
          />
          <div className="wall-col wall-col--right">
            <RankingPanel
              view={view.data}
              accountability={accountability.data}
              townshipName={townshipName}
              unitName={unitName}
              currentTownship={stopCode}
            />
            <FeedPanel events={feed} townshipName={townshipName} />
          </div>
        </div>
        <footer className="wall-credits">
          <p>
            <b className="wall-credits__disclaimer" data-testid="disclaimer">
              {disclaimer && `示意数据：${disclaimer}`}
            </b>
            <span data-testid="attribution">{attributionZh.join('　｜　')}</span>
          </p>
        </footer>
      </div>
      <aside className="wall-small-screen" data-testid="wall-small-screen">
        <p>指挥部大屏是为会议室、指挥中心的大屏幕设计的，在手机等小屏幕上字太小、看不清。</p>
        <p>
          在手机上巡查、上报和办理任务，请打开
          <a href="m">巡查通（手机版）</a>。
        </p>
      </aside>
    </div>
  )
}

/** Imports are not news: a spreadsheet of old issues would push the day's events off the feed. */
function isNews(event: FeedEvent): boolean {
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

/** The design canvas fitted to the window; the root font size follows so 1 rem = 16 design px. */
function useCanvasFit(): CanvasFit {
  const [fit, setFit] = useState(() => fitCanvas(window.innerWidth, window.innerHeight))
  useEffect(() => {
    const onResize = () => setFit(fitCanvas(window.innerWidth, window.innerHeight))
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  useEffect(() => {
    const html = document.documentElement
    const before = html.style.fontSize
    html.style.fontSize = `${fit.rootFontPx}px`
    return () => {
      html.style.fontSize = before
    }
  }, [fit.rootFontPx])
  return fit
}
