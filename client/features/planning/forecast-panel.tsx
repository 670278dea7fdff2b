// 得分预测: the expected 实地考察 score (of the place's 实地考察 share, GET /api/place) for the county and per township, with its p5–p95
// range over the rehearsal draws, the fixedShare control and the model's assumptions in full.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { usePlace } from '../../lib/place.ts'
import { useDebounced } from '../../lib/use-debounced.ts'
import { wholeNumber } from '../../lib/whole-number.ts'
import { TableHead } from '../../ui/data-table.tsx'
import { FormField, NumberField } from '../../ui/form-field.tsx'
import { RetryError } from '../../ui/retry-error.tsx'
import type { ForecastPart, ForecastResult, ForecastTownship } from './api.ts'
import { planningKeys, runForecast } from './api.ts'
import { AssessmentShares } from './assessment-shares.tsx'
import type { CsvColumn } from './csv.ts'
import { type FilteredList, ListTools, useFilteredList } from './list-tools.tsx'
import { ElapsedProgress } from './progress.tsx'

export interface ForecastPanelProps {
  townshipName: (code: string) => string
  /** The shown forecast (for the map's township colours) and whether a newer one is on its way. */
  onResult?: (result: ForecastResult | undefined, fetching: boolean) => void
}

const fmt = (n: number | null | undefined, digits = 1) =>
  typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—'

export function ForecastPanel({ townshipName, onResult }: ForecastPanelProps) {
  const place = usePlace()
  const fieldPoints = place?.assessment.shares.field ?? Number.NaN // 实地考察's share of the 测评体系
  const [seed, setSeed] = useState(20260301)
  const [draws, setDraws] = useState(1000)
  const [fixedShare, setFixedShare] = useState(0.5)
  const params = useDebounced({ seed, draws, fixedShare }, 350)
  const forecast = useQuery({
    queryKey: [...planningKeys.all, 'forecast', params] as const,
    queryFn: ({ signal }) => runForecast(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  })
  const data: ForecastResult | undefined = forecast.data
  useEffect(() => {
    onResult?.(data, forecast.isFetching)
  }, [onResult, data, forecast.isFetching])
  const name = (t: ForecastTownship) => t.name || townshipName(t.code)
  const list = useFilteredList(data?.townships ?? [], (t) => [name(t), t.code])
  const c = data?.county
  return (
    <div className="plan-tab" data-testid="forecast-panel">
      <p className="plan-intro">
        实地考察占测评总分 {fieldPoints} 分。“固定点位不失分，随机点位拿高分”：预测 = {fieldPoints}{' '}
        ×（固定占比 × 固定点位平均得分率 +（1 − 固定占比）× 随机抽检得分率），区间取模拟抽检的
        p5–p95。
      </p>
      <div className="plan-fieldset plan-grid">
        <FormField
          className="plan-span-2"
          label={
            <>
              固定点位占比 {Math.round(fixedShare * 100)}%（随机点位{' '}
              {Math.round((1 - fixedShare) * 100)}%）
            </>
          }
        >
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={fixedShare}
            data-testid="fixed-share"
            onChange={(e) => setFixedShare(Number(e.target.value))}
          />
        </FormField>
        <NumberField
          label="随机种子"
          min={0}
          value={seed}
          onChange={(text) => setSeed(wholeNumber(text, 0))}
        />
        <NumberField
          label="抽取次数"
          min={1}
          max={5000}
          value={draws}
          onChange={(text) => setDraws(wholeNumber(text, 1, 5000))}
        />
      </div>
      {forecast.isFetching && <ElapsedProgress label="正在计算得分预测…" />}
      {forecast.isError && (
        <RetryError message={forecast.error.message} onRetry={() => void forecast.refetch()} />
      )}
      {c && <CountyForecast county={c} fieldPoints={fieldPoints} />}
      {data?.assessment && <AssessmentShares forecast={data.assessment} />}
      {data && (
        <section className="plan-section" aria-label="模型假设">
          <h3 className="plan-h3">模型假设（请据此理解预测结果）</h3>
          <ol className="plan-assumptions" data-testid="forecast-assumptions">
            {data.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
          {typeof data.model === 'string' && <p className="muted">模型：{data.model}</p>}
        </section>
      )}
      {data && <TownshipForecasts list={list} name={name} fieldPoints={fieldPoints} />}
    </div>
  )
}

/** The county's expected score, its p5–p95 band on a bar of the whole 实地考察 share, and the means. */
function CountyForecast({ county: c, fieldPoints }: { county: ForecastPart; fieldPoints: number }) {
  return (
    <section className="plan-forecast" data-testid="forecast-county">
      <div className="plan-forecast__headline">
        <span className="muted">全县实地考察预期得分</span>
        <strong data-testid="forecast-expected">{fmt(c.expected)}</strong>
        <span className="muted">/ {fieldPoints}</span>
      </div>
      <div
        className="plan-range"
        role="img"
        aria-label={`可能区间 ${fmt(c.low)} 至 ${fmt(c.high)}`}
      >
        <span
          className="plan-range__band"
          style={{
            left: `${(c.low / fieldPoints) * 100}%`,
            width: `${(Math.max(c.high - c.low, 0) / fieldPoints) * 100}%`,
          }}
        />
        <span
          className="plan-range__mark"
          style={{ left: `${(c.expected / fieldPoints) * 100}%` }}
        />
      </div>
      <p className="muted">
        可能区间（p5–p95）：{fmt(c.low)} – {fmt(c.high)} 分；固定点位平均得分率{' '}
        {fmt(c.fixedMean, 2)}，随机抽检平均得分率 {fmt(c.randomMean, 2)}。 失分约{' '}
        {fmt(fieldPoints - c.expected)} 分。
      </p>
    </section>
  )
}

interface TownshipForecastsProps {
  list: FilteredList<ForecastTownship>
  name: (t: ForecastTownship) => string
  fieldPoints: number
}

/** Each township's forecast, filterable and exported as CSV. */
function TownshipForecasts({ list, name, fieldPoints }: TownshipForecastsProps) {
  const townships = list.rows
  const csv: CsvColumn<ForecastTownship>[] = [
    { header: '乡镇代码', value: (t) => t.code },
    { header: '乡镇', value: name },
    { header: `预期得分（满分${fieldPoints}）`, value: (t) => t.expected },
    { header: 'p5', value: (t) => t.low },
    { header: 'p95', value: (t) => t.high },
    { header: '固定点位平均得分率', value: (t) => t.fixedMean },
    { header: '随机点位平均得分率', value: (t) => t.randomMean },
    { header: '说明', value: (t) => t.note },
  ]
  return (
    <section className="plan-section" aria-label="各乡镇预测">
      <h3 className="plan-h3">各乡镇预测</h3>
      <ListTools
        list={list}
        placeholder="筛选乡镇"
        csv={{ stem: '各乡镇得分预测', columns: csv }}
      />
      {townships.length === 0 ? (
        <p className="plan-empty">没有符合筛选条件的乡镇。</p>
      ) : (
        <table className="plan-table" data-testid="forecast-townships">
          <TableHead headings={['乡镇', '预期得分', 'p5–p95', '固定/随机得分率']} />
          <tbody>
            {townships.map((t) => (
              <tr key={t.code}>
                <td>
                  {name(t)}
                  {t.note && <div className="muted">{t.note}</div>}
                </td>
                <td>
                  <strong>{fmt(t.expected)}</strong>
                </td>
                <td>
                  {fmt(t.low)} – {fmt(t.high)}
                </td>
                <td>
                  {fmt(t.fixedMean, 2)} / {fmt(t.randomMean, 2)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
