// 时段统计: the findings of a week, a month, custom dates or a 督查轮次 against the period before (环比),
// with the units' ranking, the categories and the daily trend.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { periodKindLabels } from '../../../server/domain/period.ts'
import {
  type PeriodChoice,
  type PeriodSummary,
  roundsQuery,
  summaryQuery,
} from '../../features/supervision/api.ts'
import { formatPercent } from '../../lib/format.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { DateInput } from '../../ui/date-input.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { AriaSelect } from '../../ui/labelled-select.tsx'
import { Kpi } from './supervision-ui.tsx'

// the counted KPIs, each with its change against the previous period
const countKpis = [
  ['found', '发现'],
  ['closed', '办结'],
  ['overdue', '逾期'],
] as const

const fixedPeriods = ['this-week', 'last-week', 'this-month', 'last-month'] as const
type Mode = (typeof fixedPeriods)[number] | 'custom' | 'round'

/** The summary request of the form, or undefined while custom dates or the round are missing. */
function toChoice(mode: Mode, from: string, to: string, round: string): PeriodChoice | undefined {
  if (mode === 'custom') return from && to ? { period: 'custom', from, to } : undefined
  if (mode === 'round') return round ? { round } : undefined
  return { period: mode }
}

export function SummaryTab() {
  const [mode, setMode] = useState<Mode>('this-week')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [round, setRound] = useState('')
  const rounds = useQuery({ ...roundsQuery(), enabled: mode === 'round' })
  const choice = toChoice(mode, from, to, round)
  const summary = useQuery({
    ...summaryQuery(choice ?? { period: 'this-week' }),
    enabled: choice !== undefined,
  })
  const s = choice ? summary.data : undefined
  const change = (now: number, before: number) =>
    before === 0
      ? '上期为零'
      : `环比${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(1)}%`
  return (
    <section className="card">
      <h2>时段统计</h2>
      <div className="form inline" data-testid="summary-period">
        <select aria-label="时段" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
          {[...fixedPeriods, 'custom' as const, 'round' as const].map((p) => (
            <option key={p} value={p}>
              {periodKindLabels[p]}
            </option>
          ))}
        </select>
        {mode === 'custom' && (
          <>
            <DateInput label="开始日期" name="from" value={from} onChange={setFrom} />
            <span>至</span>
            <DateInput label="结束日期" name="to" value={to} onChange={setTo} />
          </>
        )}
        {mode === 'round' && (
          <AriaSelect
            label="督查轮次"
            name="round"
            value={round}
            empty="选择督查轮次…"
            options={(rounds.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            onChange={setRound}
          />
        )}
      </div>
      {!choice && (
        <p className="muted">
          {mode === 'custom'
            ? '请选择开始和结束日期（北京时间，含首尾两天）。'
            : '请选择督查轮次。'}
          {mode === 'round' && rounds.data?.length === 0 && '尚无督查轮次。'}
        </p>
      )}
      {choice && <ErrorText error={summary.error} />}
      {s && (
        <>
          <p className="muted">
            {s.period.label}（对比 {s.previous.label}，北京时间，周一 00:00 起算
            {mode === 'round' ? '；只计本轮记录的问题' : ''}）
          </p>
          <div className="kpis" data-testid="summary-kpis">
            {countKpis.map(([key, label]) => (
              <Kpi
                key={key}
                label={label}
                value={s.kpis[key]}
                note={change(s.kpis[key], s.previousKpis[key])}
              />
            ))}
            <Kpi
              label="办结率"
              value={formatPercent(s.kpis.closureRate)}
              note={`上期 ${formatPercent(s.previousKpis.closureRate)}`}
            />
          </div>
          <TrendBars trend={s.trend} />
          {s.categories.length > 0 && (
            <p data-testid="summary-categories">
              问题类别：
              {s.categories
                .map(
                  (c) =>
                    `${(issueCategoryLabels as Record<string, string>)[c.category] ?? c.category} ${c.count} 个`,
                )
                .join('、')}
            </p>
          )}
          <p>
            红榜：{s.red.map((u) => u.name).join('、') || '无'}；黑榜：
            {s.black.map((u) => u.name).join('、') || '无'}
            <span className="muted">（交办不足 {s.minIssues} 个不排名）</span>
          </p>
          <UnitTable units={s.units} />
        </>
      )}
    </section>
  )
}

/** Found (blue) and closed (green) per Beijing day, as bars scaled to the busiest day. */
function TrendBars({ trend }: { trend: PeriodSummary['trend'] }) {
  if (trend.length === 0) return null
  const busiest = Math.max(1, ...trend.map((d) => Math.max(d.found, d.closed)))
  return (
    <figure className="trend" data-testid="summary-trend">
      <figcaption>每日发现（蓝）与办结（绿）</figcaption>
      <div className="trend__days">
        {trend.map((d) => (
          <div
            key={d.date}
            className="trend__day"
            title={`${d.date}：发现 ${d.found}，办结 ${d.closed}`}
          >
            <span
              className="trend__bar is-found"
              style={{ height: `${(d.found / busiest) * 100}%` }}
            />
            <span
              className="trend__bar is-closed"
              style={{ height: `${(d.closed / busiest) * 100}%` }}
            />
          </div>
        ))}
      </div>
      <div className="trend__axis muted">
        <span>{trend[0]?.date}</span>
        <span>{trend.at(-1)?.date}</span>
      </div>
    </figure>
  )
}

/** The units found in the period, ranked by 按期办结率; each links to its unit page. */
function UnitTable({ units }: { units: PeriodSummary['units'] }) {
  if (units.length === 0) return <p className="muted">本时段没有发现问题，无单位可排名。</p>
  return (
    <DataTable
      rows={units}
      rowKey={(u) => u.code}
      columns={[
        { head: '排名', cell: (u) => u.rank ?? '—' },
        {
          head: '责任单位',
          cell: (u) => (
            <a href={`?unit=${encodeURIComponent(u.code)}`} title="单位页：问责记录">
              {u.name}
            </a>
          ),
        },
        { head: '交办', cell: (u) => u.assigned },
        { head: '按期办结', cell: (u) => u.closedOnTime },
        { head: '逾期', cell: (u) => u.overdue },
        { head: '按期办结率', cell: (u) => formatPercent(u.rate) },
      ]}
    />
  )
}
