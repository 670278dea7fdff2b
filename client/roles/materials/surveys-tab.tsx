// 问卷调查 rounds: the trend of the pooled rates with their confidence intervals, the latest round's
// weakest townships and groups, and the XLSX import.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { surveyMeasureLabels, surveyMeasures } from '../../../server/domain/survey.ts'
import {
  importSurvey,
  type SurveySummary,
  surveyKeys,
  surveySummaryQuery,
} from '../../features/materials/api.ts'
import { formatPercent } from '../../lib/format.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { DateInput } from '../../ui/date-input.tsx'
import { ErrorText } from '../../ui/error-text.tsx'

export function SurveysTab({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient()
  const summary = useQuery(surveySummaryQuery())
  const [file, setFile] = useState<File>()
  const [meta, setMeta] = useState({ name: '', conductedOn: '', source: '自测' })
  const add = useMutation({
    mutationFn: () => importSurvey(file as File, meta),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  })
  const s = summary.data
  const interval = (p: { rate: number | null; low: number | null; high: number | null }) =>
    `${formatPercent(p.rate)}（${formatPercent(p.low)}–${formatPercent(p.high)}）`
  return (
    <div className="materials__stack">
      <section className="card">
        <h2>问卷调查趋势</h2>
        <p className="muted">各比率后为 95% 置信区间（Wilson 法）：样本越小区间越宽。</p>
        <DataTable
          testId="survey-trend"
          rows={s?.trend}
          rowKey={(t) => t.roundId}
          columns={[
            { head: '轮次', cell: (t) => t.name },
            { head: '日期', cell: (t) => t.conductedOn },
            { head: '样本', cell: (t) => t.sampleSize },
            ...surveyMeasures.map((m) => ({
              key: m,
              head: surveyMeasureLabels[m],
              cell: (t: SurveySummary['trend'][number]) => interval(t.figures[m]),
            })),
          ]}
        />
        {s?.trend.length === 0 && <p className="muted">尚无问卷调查</p>}
      </section>
      {s?.latest && (
        <section className="card">
          <h2>
            {s.latest.name}（{s.latest.conductedOn}）：最弱的乡镇与群体
          </h2>
          <div className="weak">
            {surveyMeasures.map((m) => (
              <div key={m}>
                <h3>
                  {surveyMeasureLabels[m]} · 全县{' '}
                  {interval(s.latest?.overall[m] ?? { rate: null, low: null, high: null })}
                </h3>
                <ol className="compact">
                  {s.latest?.weakest[m].cells.map((w) => (
                    <li key={w.key}>
                      {w.key}：{interval(w.figure)}，n={w.sampleSize}
                      {w.clearlyBelow && <b className="flag"> 明显偏低</b>}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        </section>
      )}
      {canEdit && (
        <section className="card">
          <h2>导入一轮问卷调查</h2>
          <p className="muted">
            Excel 列：乡镇、群体、样本量、知晓率、支持率、满意率（或知晓人数、支持人数、满意人数）。
          </p>
          <div className="form inline">
            <input
              placeholder="轮次名称"
              value={meta.name}
              onChange={(e) => setMeta({ ...meta, name: e.target.value })}
            />
            <DateInput
              value={meta.conductedOn}
              onChange={(conductedOn) => setMeta({ ...meta, conductedOn })}
            />
            <select
              value={meta.source}
              onChange={(e) => setMeta({ ...meta, source: e.target.value })}
            >
              <option>自测</option>
              <option>第三方</option>
              <option>上级测评</option>
            </select>
            <input type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0])} />
            <button type="button" disabled={!file} onClick={() => add.mutate()}>
              导入
            </button>
          </div>
          <ErrorText error={add.error} />
        </section>
      )}
    </div>
  )
}
