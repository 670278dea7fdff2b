// The whole forecast beside the 实地考察 model: each share of the 测评体系 with its range and how it was
// counted, the 一票否决 alarms, and the ten actions that would gain the most points.
import { assessmentMethodLabels } from '../../../server/domain/labels-zh.ts'
import { TableHead } from '../../ui/data-table.tsx'
import type { AssessmentForecast } from './api.ts'

const fmt = (n: number | null | undefined, digits = 1) =>
  typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—'

export function AssessmentShares({ forecast }: { forecast: AssessmentForecast }) {
  const { total } = forecast
  return (
    <section className="plan-section" aria-label="全口径得分预测" data-testid="forecast-shares">
      <h3 className="plan-h3">
        全口径得分预测：{fmt(total.expected)} / {fmt(total.points)}（区间 {fmt(total.low)} –{' '}
        {fmt(total.high)}）
      </h3>
      <table className="plan-table">
        <TableHead headings={['测评方式', '预期得分', '区间', '依据']} />
        <tbody>
          {forecast.shares.map((s) => (
            <tr key={s.method} data-testid={`forecast-share-${s.method}`}>
              <td>{assessmentMethodLabels[s.method]}</td>
              <td>
                <strong>{fmt(s.expected)}</strong> / {fmt(s.points)}
              </td>
              <td>
                {fmt(s.low)} – {fmt(s.high)}
              </td>
              <td className="muted">{s.basis}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {forecast.vetoAlarms.length > 0 && (
        <div role="alert" data-testid="forecast-veto">
          <h3 className="plan-h3">一票否决预警</h3>
          <ul>
            {forecast.vetoAlarms.map((a) => (
              <li key={a.standardCode}>
                <strong>{a.standardCode}</strong> {a.text}：{a.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {forecast.actions.length > 0 && (
        <>
          <h3 className="plan-h3">提分最多的十项工作</h3>
          <ol data-testid="forecast-actions">
            {forecast.actions.map((a) => (
              <li key={`${a.kind}-${a.target}`}>
                {a.text}（约 +{fmt(a.gain, 2)} 分）
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
