// 模拟抽检: seed, draws and points per random category → the server draws as the assessors would,
// many times. Shows progress while it runs, the distribution (histogram, p5–p95), the first draw
// (also on the map) and the 先整改 list; 重放 runs the same seed again and says if it matched.
import { useMutation } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { checkpointCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { toCssColor } from '../../lib/legend.ts'
import type { DrawnPoint, RehearsalRequest, RehearsalResult } from './api.ts'
import { runRehearsal } from './api.ts'
import { useFilteredList } from './list-tools.tsx'
import { ElapsedProgress } from './progress.tsx'
import { defaultRehearsalSettings, RehearsalForm } from './rehearsal-form.tsx'
import { RehearsalDistribution, WorstPoints } from './rehearsal-results.tsx'
import { pointScore, pointState, pointStateColors, pointStateLabels } from './score-colors.ts'

export interface RehearsalPanelProps {
  result: RehearsalResult | undefined
  onResult: (result: RehearsalResult | undefined) => void
  townshipName: (code: string) => string
  onFocus: (lngLat: [number, number]) => void
}

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

export function RehearsalPanel({ result, onResult, townshipName, onFocus }: RehearsalPanelProps) {
  const [settings, setSettings] = useState(defaultRehearsalSettings)
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
    const request = replaying && lastRequest.current ? lastRequest.current : settings
    mutation.mutate({ ...request, replay: replaying })
  }
  const d = result?.distribution
  const list = useFilteredList(result?.worst ?? [], (w) => [
    w.name,
    w.id,
    checkpointCategoryLabels[w.category],
    w.townshipCode && townshipName(w.townshipCode),
  ])
  return (
    <div className="plan-tab" data-testid="rehearsal-panel">
      <p className="plan-intro">
        按测评方式从随机点位库中每类抽取若干点位，重复多次，估计实地考察随机点位的得分分布，并找出最常被抽中且状况差的点位。
        点位得分率 s = max(0, 1 − 0.2×未办结问题 − 0.3×逾期问题)（点位 200 米内）。
      </p>
      <RehearsalForm
        settings={settings}
        onChange={(patch) => setSettings((s) => ({ ...s, ...patch }))}
        running={mutation.isPending}
        canReplay={Boolean(lastRequest.current)}
        onRun={() => start(false)}
        onReplay={() => start(true)}
      />
      {mutation.isPending && (
        <ElapsedProgress
          label={`正在模拟 ${settings.draws} 次抽检…`}
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
          <RehearsalDistribution result={result} distribution={d} />
          <FirstDraw points={result.first} onFocus={onFocus} />
          <WorstPoints list={list} townshipName={townshipName} onFocus={onFocus} />
        </>
      )}
    </div>
  )
}

/** The points of the first draw, coloured by condition as on the map; a name moves the map there. */
function FirstDraw(props: { points: DrawnPoint[]; onFocus: (lngLat: [number, number]) => void }) {
  const { points, onFocus } = props
  return (
    <details className="plan-section">
      <summary>第 1 次抽取的 {points.length} 个点位（地图上按状况着色）</summary>
      <ul className="plan-draw">
        {points.map((p) => {
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
  )
}
