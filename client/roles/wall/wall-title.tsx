// The wall's title bar: the campaign, the scope shown (全县 or the tour's township), the Beijing
// clock and how fresh the data is. The clock ticks here only, so the rest of the wall stays still.
import { memo, useEffect, useState } from 'react'
import { genericTitle, usePlace, usePlaceTitle } from '../../lib/place.ts'
import { beijingClock, type Freshness, freshnessText } from './wall-format.ts'

export interface TitleBarProps {
  scope: string
  freshness: { state: 'live' | 'connecting' | 'stale'; since: number }
}

export const TitleBar = memo(function TitleBar({ scope, freshness }: TitleBarProps) {
  const campaignTitle = usePlace()?.titles.wall ?? genericTitle
  usePlaceTitle((t) => t.wall)
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(timer)
  }, [])
  const clock = beijingClock(now)
  const shown: Freshness =
    freshness.state === 'stale'
      ? { state: 'stale', seconds: (now.getTime() - freshness.since) / 1000 }
      : { state: freshness.state }
  return (
    <header className="wall-title">
      <div className="wall-title__main">
        <h1 className="wall-title__name">{campaignTitle}</h1>
        <span className="wall-title__sub">
          指挥部大屏 · <b data-testid="wall-scope">{scope}</b>
        </span>
      </div>
      <div className="wall-title__right">
        <div
          className={`wall-fresh wall-fresh--${shown.state}`}
          data-testid="freshness"
          data-state={shown.state}
          role="status"
        >
          <span className="wall-fresh__dot" aria-hidden="true" />
          {freshnessText(shown)}
        </div>
        <div className="wall-clock" data-testid="clock">
          <span className="wall-clock__date">
            {clock.date} {clock.weekday}
          </span>
          <span className="wall-clock__time">{clock.time}</span>
          <span className="wall-clock__zone">北京时间</span>
        </div>
      </div>
    </header>
  )
})
