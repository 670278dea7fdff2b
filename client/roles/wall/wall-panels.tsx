// The wall's panels around the map: KPIs, the 30-day trend, the 红黑榜 and
// the live feed. All read one shared view (/api/wall/view) that the server computes once per
// version for every screen.
// Numbers carry data-value (the raw figure) so the e2e test can hold them against the API.
import { memo, useEffect, useMemo, useState } from 'react'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { type IssueSource, issueSourceLabels } from '../../../server/domain/supervision.ts'
import type { RankingBy, RankingEntry, RankingLevel, TrendDay } from '../../features/stats/api.ts'
import type { WallView } from '../../features/stats/wall-api.ts'
import type { AccountabilitySummary } from './accountability-summary.ts'
import { type ChartOption, EChart } from './echart.tsx'
import { type FeedEvent, feedActionLabels, feedTone } from './live-feed.ts'
import {
  feedIssueNo,
  feedTime,
  formatCount,
  formatRate,
  type RankingRow,
  rankingRows,
  rankingTitles,
} from './wall-format.ts'

import { type NameOf, Panel } from './wall-panel.tsx'

// ---- KPIs -----------------------------------------------------------------------------------

export const KpiPanel = memo(function KpiPanel(props: {
  scope: string
  view: WallView | undefined
}) {
  const k = props.view?.kpis
  const closed = k ? k.total - k.open : undefined
  return (
    <Panel
      title="核心指标"
      aside={<span data-testid="kpi-scope">{props.scope}</span>}
      className="wall-kpis"
      testId="panel-kpis"
    >
      <div className="wall-kpis__grid" data-ready={k ? 'true' : 'false'}>
        <Kpi
          id="open"
          label="未销号"
          value={k?.open}
          unit="件"
          tone="amber"
          sub={k ? `今日发现 ${formatCount(k.reportedToday)} 件` : ''}
        />
        <Kpi
          id="overdue"
          label="逾期"
          value={k?.overdue}
          unit="件"
          tone="red"
          sub={k ? `占未销号 ${formatRate(k.open ? k.overdue / k.open : null)}` : ''}
        />
        <Kpi
          id="closedToday"
          label="今日销号"
          value={k?.closedToday}
          unit="件"
          tone="green"
          sub="北京时间今日"
        />
        <Kpi
          id="closureRate"
          label="办结率"
          value={k?.closureRate ?? undefined}
          text={formatRate(k?.closureRate)}
          tone="blue"
          sub={k ? `${formatCount(closed)} / ${formatCount(k.total)} 件` : ''}
        />
      </div>
    </Panel>
  )
})

function Kpi(props: {
  id: string
  label: string
  value: number | undefined
  text?: string
  unit?: string
  tone: 'amber' | 'red' | 'green' | 'blue'
  sub: string
}) {
  return (
    <div className={`wall-kpi wall-kpi--${props.tone}`}>
      <div className="wall-kpi__label">{props.label}</div>
      <div
        className="wall-kpi__value"
        data-testid={`kpi-${props.id}`}
        data-value={props.value ?? ''}
      >
        {props.text ?? formatCount(props.value)}
        {props.unit && props.value !== undefined ? (
          <span className="wall-kpi__unit">{props.unit}</span>
        ) : null}
      </div>
      <div className="wall-kpi__sub">{props.sub}</div>
    </div>
  )
}

// ---- 30-day trend ---------------------------------------------------------------------------

export const TrendPanel = memo(function TrendPanel(props: {
  view: WallView | undefined
  scale: number
}) {
  const days = props.view?.trend
  const option = useMemo(() => trendOption(days ?? [], props.scale), [days, props.scale])
  const found = (days ?? []).reduce((sum, d) => sum + d.found, 0)
  const closed = (days ?? []).reduce((sum, d) => sum + d.closed, 0)
  return (
    <Panel
      title="近 30 天趋势"
      aside={
        <span className="wall-trend__sums" data-ready={days ? 'true' : 'false'}>
          发现{' '}
          <b className="wall-c-amber" data-testid="trend-found" data-value={days ? found : ''}>
            {days ? formatCount(found) : '—'}
          </b>{' '}
          · 销号{' '}
          <b className="wall-c-green" data-testid="trend-closed" data-value={days ? closed : ''}>
            {days ? formatCount(closed) : '—'}
          </b>
        </span>
      }
      className="wall-trend"
      testId="panel-trend"
    >
      <EChart option={option} className="wall-chart" testId="trend-chart" />
    </Panel>
  )
})

const chartFont = '"Noto Sans SC", "Noto Sans CJK SC", sans-serif'

/** The trend as bars (found) and a line (closed), sized for reading from across the room. */
export function trendOption(days: readonly TrendDay[], scale: number): ChartOption {
  const px = (n: number) => Math.round(n * scale)
  return {
    backgroundColor: 'transparent',
    animation: false, // a redraw per pushed event would keep the wall's GPU busy
    textStyle: { fontFamily: chartFont, fontSize: px(24) },
    grid: { left: px(56), right: px(12), top: px(44), bottom: px(40) },
    legend: {
      top: 0,
      right: 0,
      itemWidth: px(24),
      itemHeight: px(16),
      textStyle: { fontSize: px(24), color: '#c9d6e3' },
      data: ['发现', '销号'],
    },
    xAxis: {
      type: 'category',
      data: days.map((d) => d.date.slice(5).replace('-', '/')),
      axisLabel: { fontSize: px(24), color: '#9fb6cc', interval: 9 },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#34506e' } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 3,
      axisLabel: { fontSize: px(24), color: '#9fb6cc' },
      splitLine: { lineStyle: { color: '#1f3550' } },
    },
    series: [
      {
        name: '发现',
        type: 'bar',
        data: days.map((d) => d.found),
        itemStyle: { color: '#f2c14e' },
        barWidth: '55%',
      },
      {
        name: '销号',
        type: 'line',
        data: days.map((d) => d.closed),
        itemStyle: { color: '#3ddc97' },
        lineStyle: { width: px(3) },
        symbol: 'circle',
        symbolSize: px(6),
      },
    ],
  }
}

// ---- 红黑榜 ----------------------------------------------------------------------------------

const rankingSwitchSeconds = 20
const rankingMetrics: readonly RankingBy[] = ['closureRate', 'overdue']

export const RankingPanel = memo(function RankingPanel(props: {
  view: WallView | undefined
  accountability?: AccountabilitySummary | undefined
  townshipName: NameOf
  unitName: NameOf
  currentTownship?: string
}) {
  const [metric, setMetric] = useState(0)
  useEffect(() => {
    const timer = setInterval(
      () => setMetric((m) => (m + 1) % rankingMetrics.length),
      rankingSwitchSeconds * 1000,
    )
    return () => clearInterval(timer)
  }, [])
  const by = rankingMetrics[metric] ?? 'closureRate'
  // the townships are ranked county-wide (a tour highlights its stop); units within the scope
  const townships = { data: props.view?.rankings[by].township }
  const units = { data: props.view?.rankings[by].unit }
  // the full rule (rankings API `rule`) is too long to read from 4 m: the wall states its core
  const minIssues = townships.data?.minIssues ?? units.data?.minIssues
  return (
    <Panel
      title="红黑榜"
      aside={<span data-testid="ranking-by">{`${rankingTitles[by]}排名`}</span>}
      className="wall-rankings"
      testId="panel-rankings"
    >
      <div
        className="wall-rankings__inner"
        data-by={by}
        data-ready={townships.data && units.data ? 'true' : 'false'}
      >
        <RankingBlock
          level="township"
          title="乡镇"
          by={by}
          red={townships.data ? rankingRows(townships.data.red, by, props.townshipName) : undefined}
          black={
            townships.data ? rankingRows(townships.data.black, by, props.townshipName) : undefined
          }
          highlight={props.currentTownship}
        />
        <RankingBlock
          level="unit"
          title="责任单位"
          by={by}
          red={
            units.data
              ? rankingRows(shortNames(units.data.red, props.unitName), by, props.unitName)
              : undefined
          }
          black={
            units.data
              ? rankingRows(shortNames(units.data.black, props.unitName), by, props.unitName)
              : undefined
          }
        />
        <p className="wall-note" data-testid="ranking-rule">
          {minIssues === undefined
            ? '问题数达到最低件数的参与排名；红榜、黑榜不重复'
            : `问题不足 ${minIssues} 件不排名 · 红黑榜不重复`}
        </p>
        {props.accountability && props.accountability.total > 0 && (
          <p className="wall-note" data-testid="ranking-accountability">
            {`本月问责 ${props.accountability.total} 起：${props.accountability.byKind
              .map((k) => `${k.label} ${k.count}`)
              .join(' · ')}`}
          </p>
        )}
      </div>
    </Panel>
  )
})

/** Units by their short names (the server sends the full ones). */
function shortNames(entries: readonly RankingEntry[], unitName: NameOf): RankingEntry[] {
  return entries.map((e) => ({ ...e, name: unitName(e.code) ?? e.name }))
}

function RankingBlock(props: {
  level: RankingLevel
  title: string
  by: RankingBy
  red: RankingRow[] | undefined
  black: RankingRow[] | undefined
  highlight?: string
}) {
  // no 红榜 means nobody reached the minimum volume; a 黑榜 alone can be empty for lack of faults
  const tooFew = props.red?.length === 0
  return (
    <div className="wall-rank-block" data-level={props.level}>
      <h3 className="wall-rank-block__title">{props.title}</h3>
      <div className="wall-rank-block__lists">
        <RankingList
          kind="red"
          rows={props.red}
          highlight={props.highlight}
          empty="样本不足，暂不排名"
        />
        <RankingList
          kind="black"
          rows={props.black}
          highlight={props.highlight}
          empty={tooFew ? '样本不足，暂不排名' : '无可列入者'}
        />
      </div>
    </div>
  )
}

function RankingList(props: {
  kind: 'red' | 'black'
  rows: RankingRow[] | undefined
  highlight?: string
  empty: string
}) {
  return (
    <div className={`wall-rank wall-rank--${props.kind}`} data-list={props.kind}>
      <div className="wall-rank__head">{props.kind === 'red' ? '红榜' : '黑榜'}</div>
      <ol className="wall-rank__rows">
        {(props.rows ?? []).map((row) => (
          <li
            key={row.code}
            className={`wall-rank__row${row.code === props.highlight ? ' is-current' : ''}`}
            data-code={row.code}
          >
            <span className="wall-rank__no">{row.rank}</span>
            <span className="wall-rank__name">{row.name}</span>
            <span className="wall-rank__value" data-testid="ranking-value">
              {row.value}
            </span>
          </li>
        ))}
        {props.rows && props.rows.length === 0 ? (
          <li className="wall-empty">{props.empty}</li>
        ) : null}
      </ol>
    </div>
  )
}

// ---- live feed ------------------------------------------------------------------------------

export const feedVisible = 7 // rows of 24 px text in the panel's height

export const FeedPanel = memo(function FeedPanel(props: {
  events: readonly FeedEvent[]
  townshipName: NameOf
}) {
  const rows = props.events.slice(0, feedVisible)
  const now = new Date() // rendered on each new event; only tells today from earlier days
  return (
    <Panel title="实时动态" aside="最新问题处置" className="wall-feed" testId="panel-feed">
      <ol className="wall-feed__list">
        {rows.map((e) => (
          <li
            key={e.seq}
            className={`wall-feed__row wall-feed--${feedTone(e.action)}`}
            data-seq={e.seq}
            data-issue-id={e.issueId}
            data-issue-no={e.issueNo}
            data-source={e.source}
          >
            <span className="wall-feed__time">{feedTime(e.at, now)}</span>
            <span className="wall-feed__action">{feedActionLabels[e.action] ?? e.action}</span>
            <span className="wall-feed__place">
              {e.townshipCode ? (props.townshipName(e.townshipCode) ?? '') : ''}
            </span>
            <span className="wall-feed__what">
              {e.category
                ? ((issueCategoryLabels as Record<string, string>)[e.category] ?? e.category)
                : ''}
              {e.source && e.source in issueSourceLabels
                ? `（${issueSourceLabels[e.source as IssueSource]}）`
                : ''}
            </span>
            <span className="wall-feed__no" title={e.issueNo}>
              {feedIssueNo(e.issueNo, now)}
            </span>
          </li>
        ))}
        {rows.length === 0 ? <li className="wall-empty">等待新的问题动态…</li> : null}
      </ol>
    </Panel>
  )
})
