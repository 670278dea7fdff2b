// 指挥部大屏 (/wall): a read-only wall screen for the commanders. A 1920×1080 design canvas scaled to
// the screen; the county map in the centre with the open issues (heatmap, hexagons or grids, in
// turn), KPIs, the 30-day trend and 台账 completion on the left, the 红黑榜 and a live feed on the
// right. The server computes the figures once per batch of changes for every screen and announces
// each new version over Server-Sent Events (`event: view`); the wall then fetches the two shared
// views (ETag/304), one round at a time, never overlapping. Polling takes over while the stream is
// down; a tour visits the townships in turn. A composition of the live, context, tour and view
// hooks; no header or user menu (nobody signs in at a wall), so not the shared role layout.
import { useEffect, useMemo, useState } from 'react'
import { attributionZh } from '../../../server/domain/labels-zh.ts'
import { syntheticDisclaimer } from '../../../server/domain/layer-status.ts'
import type { TownshipRadiusCollection } from '../../features/boundaries/api.ts'
import type { GridAreas } from '../../features/stats/layers.ts'
import { ApiError } from '../../lib/api-client.ts'
import { useLayerStatus } from '../../lib/place.ts'
import { type CanvasFit, fitCanvas } from './canvas-scale.ts'
import { useWallContext } from './use-wall-context.ts'
import { useWallLive } from './use-wall-live.ts'
import { useWallTour } from './use-wall-tour.ts'
import { useWallViews } from './use-wall-views.ts'
import { CompletionPanel } from './wall-completion.tsx'
import { WallMap } from './wall-map.tsx'
import { FeedPanel, KpiPanel, RankingPanel, TrendPanel } from './wall-panels.tsx'
import { parseWallParams } from './wall-params.ts'
import { TitleBar, type TitleBarProps } from './wall-title.tsx'
import { WallTokenPage } from './wall-token-page.tsx'
import './wall.css'

const hexRadiusMeters = 1500 // a cell ≈ 40 design px across county-wide (the server's view uses it)

export function WallScreen() {
  const disclaimer = syntheticDisclaimer(useLayerStatus()) // only the layers still 示意
  const [params] = useState(() => parseWallParams(location.search))
  const fit = useCanvasFit()
  const token = params.token
  const { feed, setFeed, stream, live } = useWallLive(token)
  const context = useWallContext(token)
  const { county, townships, radii, grids, units, townshipName, unitName } = context
  const { stop, stopCode, filter, stopArea, shown, tour } = useWallTour(
    params,
    townships.data?.features,
  )
  const { mapView, view, mapStarted } = useWallViews(filter, live, setFeed)
  const mapReady = context.settled && !mapView.isPending

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
            baseSources={context.baseSources}
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
            tour={tour}
          />
          <div className="wall-col wall-col--right">
            <RankingPanel
              view={view.data}
              accountability={context.accountability.data}
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
