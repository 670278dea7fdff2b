// 当前方案 in 示范点: how many points the plan has and their mean score, 一键优化 against the random
// baseline, 清空, and saving under a name (new, or over the plan it was loaded from).
import { ApiError } from '../../lib/api-client.ts'
import type { Candidate, OptimiseResult } from './api.ts'
import type { LoadedPlan } from './demo-points-panel.tsx'
import { errorText } from './plan-errors.ts'
import { ElapsedProgress } from './progress.tsx'
import type { PlanDraft } from './use-plan-draft.ts'

export interface CurrentPlanProps {
  draft: PlanDraft
  selection: readonly string[]
  candidates: readonly Candidate[]
  loaded?: LoadedPlan
  signedIn: boolean
  canEdit: boolean
  onClear: () => void
}

export function CurrentPlan(props: CurrentPlanProps) {
  const { draft, selection, loaded, canEdit } = props
  const chosen = props.candidates.filter((c) => selection.includes(c.checkpointId))
  const mean = chosen.length ? chosen.reduce((s, c) => s + c.score, 0) / chosen.length : undefined
  return (
    <section className="plan-current" aria-label="当前方案" data-testid="current-plan">
      <div className="plan-current__numbers">
        <span>
          当前方案 <strong data-testid="selection-count">{selection.length}</strong> 个点位
        </span>
        <span>
          均分{' '}
          <strong data-testid="selection-mean">{mean === undefined ? '—' : mean.toFixed(1)}</strong>
        </span>
        {loaded && <span className="muted">（载入自“{loaded.name}”）</span>}
      </div>
      <div className="action-form__buttons">
        <button
          type="button"
          className="button"
          disabled={draft.optimise.isPending}
          onClick={() => draft.optimise.mutate()}
          data-testid="optimise-button"
          title="按当前权重和约束自动选点（贪心 + 交换改进）"
        >
          一键优化
        </button>
        <button
          type="button"
          className="button is-plain"
          disabled={selection.length === 0}
          onClick={props.onClear}
        >
          清空
        </button>
      </div>
      {draft.optimise.isPending && <ElapsedProgress label="正在优化方案…" />}
      {draft.optimise.isError && (
        <p className="form-error" role="alert" data-testid="optimise-error">
          {errorText(draft.optimise.error)}
        </p>
      )}
      {draft.optimised && !draft.optimise.isPending && <OptimiseSummary result={draft.optimised} />}
      <div className="plan-save">
        <input
          value={draft.name}
          maxLength={60}
          placeholder="方案名称，如“三月示范点 A”"
          aria-label="方案名称"
          aria-invalid={Boolean(draft.nameError || draft.nameMissing)}
          data-testid="plan-name"
          onChange={(e) => draft.editName(e.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={draft.save.isPending || selection.length === 0 || Boolean(draft.nameError)}
          onClick={() => draft.trySave('new')}
          data-testid="save-plan"
        >
          {props.signedIn ? '保存为新方案' : '登录后保存'}
        </button>
        {loaded && props.signedIn && (
          <button
            type="button"
            className="button is-plain"
            disabled={draft.save.isPending || selection.length === 0}
            onClick={() => draft.trySave('update')}
          >
            更新“{loaded.name}”
          </button>
        )}
      </div>
      {selection.length === 0 && (
        <p className="muted">在地图或下方列表中勾选点位，或点击“一键优化”生成方案。</p>
      )}
      {props.signedIn && !canEdit && (
        <p className="form-warning">当前账号没有保存方案的权限（需要规划人员或管理员）。</p>
      )}
      {(draft.nameError || draft.nameMissing) && (
        <p className="form-error">{draft.nameError ?? '请填写方案名称（1–50 个字）。'}</p>
      )}
      {draft.save.isError && (
        <p className="form-error" role="alert">
          {draft.save.error instanceof ApiError && draft.save.error.status === 409
            ? `已有名为“${draft.name.trim()}”的方案，请换一个名称。`
            : errorText(draft.save.error)}
        </p>
      )}
      {draft.saved && !draft.save.isError && (
        <p className="form-success" role="status" data-testid="save-result">
          {draft.saved}
        </p>
      )}
    </section>
  )
}

function OptimiseSummary({ result }: { result: OptimiseResult }) {
  const ours = result.summary.meanScore
  const base = result.baseline.randomMean
  return (
    <div className="plan-optimised" data-testid="optimise-result">
      <p>
        优化方案均分 <strong data-testid="optimised-mean">{ours.toFixed(1)}</strong>
        {base === null ? (
          '；无法构造满足约束的随机方案作对比。'
        ) : (
          <>
            ，随机可行方案均分 <strong data-testid="baseline-mean">{base.toFixed(1)}</strong>（
            {result.baseline.samples} 个随机方案，最好{' '}
            {result.baseline.randomBest?.toFixed(1) ?? '—'}）：
            {ours >= base
              ? `高出 ${(ours - base).toFixed(1)} 分`
              : `低 ${(base - ours).toFixed(1)} 分`}
            。
          </>
        )}
      </p>
      {base !== null && (
        <div className="plan-versus" aria-hidden="true">
          <span className="plan-versus__bar is-ours" style={{ width: `${ours}%` }}>
            优化
          </span>
          <span className="plan-versus__bar" style={{ width: `${base}%` }}>
            随机
          </span>
        </div>
      )}
      {result.summary.violations.length > 0 && (
        <p className="form-warning">未满足：{result.summary.violations.join('；')}</p>
      )}
    </div>
  )
}
