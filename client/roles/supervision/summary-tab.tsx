// 时段统计: the findings of a week, month or quarter against the period before.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { periodKindLabels } from '../../../server/domain/period.ts'
import { type PeriodChoice, summaryQuery } from '../../features/supervision/api.ts'
import { formatPercent } from '../../lib/format.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { Kpi } from './supervision-ui.tsx'

export function SummaryTab() {
  const [choice, setChoice] = useState<PeriodChoice>({ period: 'this-week' })
  const summary = useQuery(summaryQuery(choice))
  const s = summary.data
  const change = (now: number, before: number) =>
    before === 0
      ? '上期为零'
      : `环比${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(1)}%`
  return (
    <section className="card">
      <h2>时段统计</h2>
      <select
        aria-label="时段"
        value={choice.period}
        onChange={(e) => setChoice({ period: e.target.value as PeriodChoice['period'] })}
      >
        {(['this-week', 'last-week', 'this-month', 'last-month'] as const).map((p) => (
          <option key={p} value={p}>
            {periodKindLabels[p]}
          </option>
        ))}
      </select>
      <ErrorText error={summary.error} />
      {s && (
        <>
          <p className="muted">
            {s.period.label}（对比 {s.previous.label}，北京时间，周一 00:00 起算）
          </p>
          <div className="kpis">
            <Kpi
              label="发现"
              value={s.kpis.found}
              note={change(s.kpis.found, s.previousKpis.found)}
            />
            <Kpi
              label="办结"
              value={s.kpis.closed}
              note={change(s.kpis.closed, s.previousKpis.closed)}
            />
            <Kpi
              label="逾期"
              value={s.kpis.overdue}
              note={change(s.kpis.overdue, s.previousKpis.overdue)}
            />
            <Kpi
              label="办结率"
              value={formatPercent(s.kpis.closureRate)}
              note={`上期 ${formatPercent(s.previousKpis.closureRate)}`}
            />
          </div>
          <p>
            红榜：{s.red.map((u) => u.name).join('、') || '无'}；黑榜：
            {s.black.map((u) => u.name).join('、') || '无'}
            <span className="muted">（交办不足 {s.minIssues} 个不排名）</span>
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>排名</th>
                <th>责任单位</th>
                <th>交办</th>
                <th>按期办结</th>
                <th>逾期</th>
                <th>按期办结率</th>
              </tr>
            </thead>
            <tbody>
              {s.units.map((u) => (
                <tr key={u.code}>
                  <td>{u.rank ?? '—'}</td>
                  <td>
                    <a href={`?unit=${encodeURIComponent(u.code)}`} title="单位页：问责记录">
                      {u.name}
                    </a>
                  </td>
                  <td>{u.assigned}</td>
                  <td>{u.closedOnTime}</td>
                  <td>{u.overdue}</td>
                  <td>{formatPercent(u.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
