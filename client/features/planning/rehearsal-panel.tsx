// 模拟抽检: seed, draws and points per random category → the server draws as the assessors would,
// many times. Shows progress while it runs, the distribution (histogram, p5–p95), the first draw
// (also on the map) and the 先整改 list; 重放 runs the same seed again and says if it matched.
import { useMutation } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import { randomCheckpointCategories } from '../../../server/domain/checkpoint.ts'
import { checkpointCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { toCssColor } from '../../lib/legend.ts'
import { wholeNumber } from '../../lib/whole-number.ts'
import { FormField, NumberField } from '../../ui/form-field.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import type { DrawnPoint, RehearsalRequest, RehearsalResult, WorstPoint } from './api.ts'
import { runRehearsal } from './api.ts'
import type { CsvColumn } from './csv.ts'
import { Histogram } from './histogram.tsx'
import { toHistogramBins } from './histogram-layout.ts'
import { ListTools, useFilteredList } from './list-tools.tsx'
import { ElapsedProgress } from './progress.tsx'
import { pointScore, pointState, pointStateColors, pointStateLabels } from './score-colors.ts'

export interface RehearsalPanelProps {
  result: RehearsalResult | undefined
  onResult: (result: RehearsalResult | undefined) => void
  townshipName: (code: string) => string
  onFocus: (lngLat: [number, number]) => void
}

type PerCategory = Record<(typeof randomCheckpointCategories)[number], number>
const defaultPerCategory = Object.fromEntries(
  randomCheckpointCategories.map((c) => [c, 2]),
) as PerCategory

/** What identifies a result, to tell whether a replay matched. */
export function rehearsalFingerprint(r: RehearsalResult): string {
  return JSON.stringify([
    r.distribution,
    r.first.map((p) => p.id),
    r.worst.map((w) => [w.id, w.drawnShare, w.badShare]),
  ])
}

export function drawnScore(p: DrawnPoint): number {
  return typeof p.s === 'number'
    ? p.s
    : pointScore(p.condition?.openIssues ?? 0, p.condition?.overdueIssues ?? 0)
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`

export function RehearsalPanel({ result, onResult, townshipName, onFocus }: RehearsalPanelProps) {
  const [seed, setSeed] = useState(20260301)
  const [draws, setDraws] = useState(1000)
  const [perCategory, setPerCategory] = useState<PerCategory>(defaultPerCategory)
  const [replay, setReplay] = useState<{ seed: number; matched: boolean }>()
  const lastRequest = useRef<RehearsalRequest>(undefined)
  const abort = useRef<AbortController>(undefined)
  const mutation = useMutation({
    mutationFn: (request: RehearsalRequest & { replay?: boolean }) => {
      abort.current = new AbortController()
      const { replay: _, ...body } = request
      return runRehearsal(body, abort.current.signal)
    },
    onSuccess: (next, request) => {
      if (request.replay && result)
        setReplay({
          seed: request.seed,
          matched: rehearsalFingerprint(next) === rehearsalFingerprint(result),
        })
      else setReplay(undefined)
      lastRequest.current = request
      onResult(next)
    },
  })
  const start = (replaying: boolean) => {
    const request =
      replaying && lastRequest.current ? lastRequest.current : { seed, draws, perCategory }
    mutation.mutate({ ...request, replay: replaying })
  }
  const d = result?.distribution
  const bins = useMemo(() => toHistogramBins(d?.histogram), [d])
  const list = useFilteredList(result?.worst ?? [], (w) => [
    w.name,
    w.id,
    checkpointCategoryLabels[w.category],
    w.townshipCode && townshipName(w.townshipCode),
  ])
  const worst = list.rows
  const worstCsv: CsvColumn<WorstPoint>[] = [
    { header: '编号', value: (w) => w.id },
    { header: '名称', value: (w) => w.name },
    { header: '类别', value: (w) => checkpointCategoryLabels[w.category] ?? w.category },
    { header: '乡镇', value: (w) => (w.townshipCode ? townshipName(w.townshipCode) : '') },
    { header: '被抽中比例', value: (w) => w.drawnShare },
    { header: '抽中且状况差的比例', value: (w) => w.badShare },
    { header: '未办结问题', value: (w) => w.condition?.openIssues },
    { header: '逾期问题', value: (w) => w.condition?.overdueIssues },
  ]
  return (
    <div className="plan-tab" data-testid="rehearsal-panel">
      <p className="plan-intro">
        按测评方式从随机点位库中每类抽取若干点位，重复多次，估计实地考察随机点位的得分分布，并找出最常被抽中且状况差的点位。
        点位得分率 s = max(0, 1 − 0.2×未办结问题 − 0.3×逾期问题)（点位 200 米内）。
      </p>
      <SubmitForm className="plan-fieldset plan-grid" onSubmit={() => start(false)}>
        <FormField label="随机种子">
          <span className="plan-inline">
            <input
              type="number"
              min={0}
              max={2147483647}
              value={seed}
              data-testid="rehearsal-seed"
              onChange={(e) => setSeed(wholeNumber(e.target.value, 0))}
            />
            <button
              type="button"
              className="text-button"
              title="换一个随机种子"
              onClick={() => setSeed(Math.floor(Math.random() * 2147483647))}
            >
              换一个
            </button>
          </span>
        </FormField>
        <NumberField
          label="抽取次数（1–5000）"
          min={1}
          max={5000}
          value={draws}
          testId="rehearsal-draws"
          onChange={(text) => setDraws(wholeNumber(text, 1, 5000))}
        />
        <details className="plan-per-category">
          <summary>每类抽取点位数（默认各 2 个）</summary>
          <div className="plan-grid">
            {randomCheckpointCategories.map((c) => (
              <NumberField
                key={c}
                label={checkpointCategoryLabels[c]}
                min={0}
                max={20}
                value={perCategory[c]}
                onChange={(text) => setPerCategory({ ...perCategory, [c]: wholeNumber(text, 0) })}
              />
            ))}
          </div>
        </details>
        <div className="action-form__buttons">
          <button
            type="submit"
            className="button"
            disabled={mutation.isPending}
            data-testid="rehearsal-run"
          >
            开始模拟
          </button>
          <button
            type="button"
            className="button is-plain"
            disabled={mutation.isPending || !lastRequest.current}
            data-testid="rehearsal-replay"
            title="用上次的种子和参数重新抽取，结果应完全相同"
            onClick={() => start(true)}
          >
            按种子重放
          </button>
        </div>
      </SubmitForm>
      {mutation.isPending && (
        <ElapsedProgress
          label={`正在模拟 ${draws} 次抽检…`}
          onCancel={() => abort.current?.abort()}
        />
      )}
      {mutation.isError && !abort.current?.signal.aborted && (
        <p className="form-error" role="alert">
          {mutation.error.message}
        </p>
      )}
      {replay && (
        <p
          className={replay.matched ? 'form-success' : 'form-warning'}
          role="status"
          data-testid="replay-result"
        >
          {replay.matched
            ? `重放种子 ${replay.seed}：结果与上次完全一致。`
            : `重放种子 ${replay.seed}：结果与上次不同，请联系系统管理员（抽样应可复现）。`}
        </p>
      )}
      {!result && !mutation.isPending && (
        <p className="plan-empty">
          尚未模拟：设置种子和次数后点击“开始模拟”。同一种子总是得到同样的结果。
        </p>
      )}
      {result && d && (
        <>
          <dl className="plan-stats" data-testid="rehearsal-stats">
            <div>
              <dt>平均得分率</dt>
              <dd data-testid="rehearsal-mean">{pct(d.mean)}</dd>
            </div>
            <div>
              <dt>标准差</dt>
              <dd>{pct(d.stdev)}</dd>
            </div>
            <div>
              <dt>p5 – p95</dt>
              <dd>
                {pct(d.p5)} – {pct(d.p95)}
              </dd>
            </div>
            <div>
              <dt>中位数</dt>
              <dd>{pct(d.p50)}</dd>
            </div>
          </dl>
          <Histogram
            bins={bins}
            formatX={(x) => `${Math.round(x * 100)}%`}
            marks={[
              { value: d.p5, label: 'p5' },
              { value: d.p50, label: 'p50' },
              { value: d.p95, label: 'p95' },
            ]}
            caption={`种子 ${result.seed}，${result.draws} 次抽取的随机点位得分率分布（纵轴：次数）`}
          />
          <details className="plan-section">
            <summary>第 1 次抽取的 {result.first.length} 个点位（地图上按状况着色）</summary>
            <ul className="plan-draw">
              {result.first.map((p) => {
                const s = drawnScore(p)
                return (
                  <li key={p.id}>
                    <i
                      style={{ background: toCssColor(pointStateColors[pointState(s)]) }}
                      title={pointStateLabels[pointState(s)]}
                    />
                    <button type="button" className="link-button" onClick={() => onFocus(p.lngLat)}>
                      {p.name || p.id}
                    </button>
                    <span className="muted">
                      {checkpointCategoryLabels[p.category]} · 得分率 {s.toFixed(2)} · 未办结{' '}
                      {p.condition?.openIssues ?? 0} · 逾期 {p.condition?.overdueIssues ?? 0}
                    </span>
                  </li>
                )
              })}
            </ul>
          </details>
          <h3 className="plan-h3">先整改：最常在状况差时被抽中的点位</h3>
          <ListTools
            list={list}
            placeholder="筛选名称、类别、乡镇"
            csv={{ stem: '先整改点位', columns: worstCsv }}
          />
          {result.worst.length === 0 ? (
            <p className="plan-empty">没有点位在被抽中时得分率低于 0.6：随机点位库目前状况良好。</p>
          ) : (
            <table className="plan-table" data-testid="worst-list">
              <thead>
                <tr>
                  <th>点位</th>
                  <th title="被抽中的次数占全部抽取次数">抽中</th>
                  <th title="被抽中且得分率 < 0.6 的次数占全部抽取次数">抽中且差</th>
                  <th>未办结/逾期</th>
                </tr>
              </thead>
              <tbody>
                {worst.slice(0, 100).map((w) => (
                  <tr key={w.id}>
                    <td>
                      {w.lngLat ? (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => w.lngLat && onFocus(w.lngLat)}
                        >
                          {w.name || w.id}
                        </button>
                      ) : (
                        w.name || w.id
                      )}
                      <div className="muted">
                        {checkpointCategoryLabels[w.category]}
                        {w.townshipCode ? ` · ${townshipName(w.townshipCode)}` : ''}
                      </div>
                    </td>
                    <td>{pct(w.drawnShare)}</td>
                    <td>{pct(w.badShare)}</td>
                    <td>
                      {w.condition?.openIssues ?? '—'} / {w.condition?.overdueIssues ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  )
}
