// 示范点: the plan being built (count, mean score, 一键优化 against the random baseline, save under a
// name), weight sliders, constraints, the saved plans with A/B comparison, and the ranked list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '../../lib/api-client.ts'
import { RetryError } from '../../ui/retry-error.tsx'
import type { Candidate, Constraints, OptimiseResult, PlanListItem, Weights } from './api.ts'
import {
  compareQuery,
  createPlan,
  deletePlan,
  optimisePlan,
  planningKeys,
  plansQuery,
  updatePlan,
} from './api.ts'
import { CandidateList } from './candidate-list.tsx'
import { ConstraintsForm } from './constraints-form.tsx'
import { defaultWeights } from './factors.ts'
import { PlanCompare, PlanList } from './plan-list.tsx'
import { ElapsedProgress } from './progress.tsx'
import { WeightsForm } from './weights-form.tsx'

export interface LoadedPlan {
  id: string
  name: string
}

export interface DemoPointsPanelProps {
  weights: Weights
  onWeightsChange: (weights: Weights) => void
  constraints: Constraints
  onConstraintsChange: (constraints: Constraints) => void
  selection: readonly string[]
  onSelectionChange: (ids: string[]) => void
  candidates: readonly Candidate[]
  candidatesPending: boolean
  candidatesStale: boolean
  candidatesError?: string
  onCandidatesRetry: () => void
  loaded?: LoadedPlan
  onLoadedChange: (plan: LoadedPlan | undefined) => void
  compare: { a?: string; b?: string }
  onCompareChange: (compare: { a?: string; b?: string }) => void
  canEdit: boolean
  signedIn: boolean
  onLoginRequest: (reason: string) => void
  onFocus: (candidate: Candidate) => void
  focusedId?: string
  townshipName: (code: string) => string
}

function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return '操作失败，请重试。'
  const fields = error.fieldErrors
    .map((e) => e.message)
    .filter((m) => m && !error.message.includes(m))
  return [error.message, ...fields].join(' ')
}

export function DemoPointsPanel(props: DemoPointsPanelProps) {
  const { weights, constraints, selection, candidates, loaded, compare, canEdit } = props
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [saved, setSaved] = useState<string>()
  const [optimised, setOptimised] = useState<OptimiseResult>()
  const [nameMissing, setNameMissing] = useState(false)
  const plans = useQuery(plansQuery())
  const bothChosen = compare.a && compare.b && compare.a !== compare.b
  const comparison = useQuery({
    ...compareQuery(compare.a ?? '', compare.b ?? ''),
    enabled: Boolean(bothChosen),
  })
  const planA = plans.data?.find((p) => p.id === compare.a)
  const planB = plans.data?.find((p) => p.id === compare.b)

  const optimise = useMutation({
    mutationFn: () => optimisePlan(weights, constraints),
    onSuccess: (result) => {
      setOptimised(result)
      setSaved(undefined)
      props.onSelectionChange(result.checkpointIds)
    },
  })
  const save = useMutation({
    mutationFn: (mode: 'new' | 'update') => {
      const draft = { name: name.trim(), checkpointIds: [...selection], weights, constraints }
      return mode === 'update' && loaded ? updatePlan(loaded.id, draft) : createPlan(draft)
    },
    onSuccess: (plan) => {
      setSaved(`方案“${plan.name}”已保存（${plan.checkpointIds.length} 个点位）。`)
      props.onLoadedChange({ id: plan.id, name: plan.name })
      void queryClient.invalidateQueries({ queryKey: planningKeys.plans() })
    },
  })
  const remove = useMutation({
    mutationFn: (plan: PlanListItem) => deletePlan(plan.id),
    onSuccess: (_, plan) => {
      if (loaded?.id === plan.id) props.onLoadedChange(undefined)
      if (compare.a === plan.id || compare.b === plan.id) props.onCompareChange({})
      void queryClient.invalidateQueries({ queryKey: planningKeys.plans() })
    },
  })

  const chosen = candidates.filter((c) => selection.includes(c.checkpointId))
  const mean = chosen.length ? chosen.reduce((s, c) => s + c.score, 0) / chosen.length : undefined
  const nameError = name.trim().length > 50 ? '方案名称最多 50 个字。' : undefined
  const trySave = (mode: 'new' | 'update') => {
    if (!props.signedIn) {
      props.onLoginRequest('保存方案需要规划人员或管理员账号，请先登录（演示账号 planner）。')
    } else if (!name.trim()) {
      setNameMissing(true)
    } else {
      save.mutate(mode)
    }
  }

  return (
    <div className="plan-tab" data-testid="demo-panel">
      <section className="plan-current" aria-label="当前方案" data-testid="current-plan">
        <div className="plan-current__numbers">
          <span>
            当前方案 <strong data-testid="selection-count">{selection.length}</strong> 个点位
          </span>
          <span>
            均分{' '}
            <strong data-testid="selection-mean">
              {mean === undefined ? '—' : mean.toFixed(1)}
            </strong>
          </span>
          {loaded && <span className="muted">（载入自“{loaded.name}”）</span>}
        </div>
        <div className="action-form__buttons">
          <button
            type="button"
            className="button"
            disabled={optimise.isPending}
            onClick={() => optimise.mutate()}
            data-testid="optimise-button"
            title="按当前权重和约束自动选点（贪心 + 交换改进）"
          >
            一键优化
          </button>
          <button
            type="button"
            className="button is-plain"
            disabled={selection.length === 0}
            onClick={() => {
              props.onSelectionChange([])
              setOptimised(undefined)
              props.onLoadedChange(undefined)
            }}
          >
            清空
          </button>
        </div>
        {optimise.isPending && <ElapsedProgress label="正在优化方案…" />}
        {optimise.isError && (
          <p className="form-error" role="alert" data-testid="optimise-error">
            {errorText(optimise.error)}
          </p>
        )}
        {optimised && !optimise.isPending && <OptimiseSummary result={optimised} />}
        <div className="plan-save">
          <input
            value={name}
            maxLength={60}
            placeholder="方案名称，如“三月示范点 A”"
            aria-label="方案名称"
            aria-invalid={Boolean(nameError || nameMissing)}
            data-testid="plan-name"
            onChange={(e) => {
              setName(e.target.value)
              setNameMissing(false)
            }}
          />
          <button
            type="button"
            className="button"
            disabled={save.isPending || selection.length === 0 || Boolean(nameError)}
            onClick={() => trySave('new')}
            data-testid="save-plan"
          >
            {props.signedIn ? '保存为新方案' : '登录后保存'}
          </button>
          {loaded && props.signedIn && (
            <button
              type="button"
              className="button is-plain"
              disabled={save.isPending || selection.length === 0}
              onClick={() => trySave('update')}
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
        {(nameError || nameMissing) && (
          <p className="form-error">{nameError ?? '请填写方案名称（1–50 个字）。'}</p>
        )}
        {save.isError && (
          <p className="form-error" role="alert">
            {save.error instanceof ApiError && save.error.status === 409
              ? `已有名为“${name.trim()}”的方案，请换一个名称。`
              : errorText(save.error)}
          </p>
        )}
        {saved && !save.isError && (
          <p className="form-success" role="status" data-testid="save-result">
            {saved}
          </p>
        )}
      </section>
      {bothChosen && planA && planB && (
        <PlanCompare
          a={planA}
          b={planB}
          comparison={comparison.data}
          loading={comparison.isPending}
          error={comparison.isError ? comparison.error.message : undefined}
          townshipName={props.townshipName}
          onClose={() => props.onCompareChange({})}
        />
      )}

      <details className="plan-details" open>
        <summary>评分权重</summary>
        <WeightsForm
          weights={weights}
          onChange={props.onWeightsChange}
          onReset={() => props.onWeightsChange(defaultWeights)}
        />
      </details>
      <details className="plan-details" open>
        <summary>约束条件（一键优化时使用）</summary>
        <ConstraintsForm
          constraints={constraints}
          onChange={props.onConstraintsChange}
          errors={fieldErrorsOf(optimise.error)}
        />
      </details>
      <details className="plan-details" open>
        <summary>
          已保存的方案 {plans.data ? <span className="muted">（{plans.data.length}）</span> : null}
        </summary>
        {remove.isError && <p className="form-error">{errorText(remove.error)}</p>}
        <PlanList
          plans={plans.data}
          loading={plans.isPending}
          error={plans.isError ? plans.error.message : undefined}
          loadedId={loaded?.id}
          compare={compare}
          canEdit={canEdit}
          onLoad={(plan) => {
            props.onSelectionChange(plan.checkpointIds)
            props.onWeightsChange({ ...defaultWeights, ...plan.weights })
            props.onConstraintsChange(plan.constraints)
            props.onLoadedChange({ id: plan.id, name: plan.name })
            setName(plan.name)
            setOptimised(undefined)
          }}
          onCompareChange={props.onCompareChange}
          onDelete={(plan) => remove.mutate(plan)}
          onRetry={() => void plans.refetch()}
        />
        {compare.a && compare.b && compare.a === compare.b && (
          <p className="form-warning">A 和 B 是同一个方案，请为 B 选择另一个方案。</p>
        )}
        {(compare.a || compare.b) && !bothChosen && compare.a !== compare.b && (
          <p className="muted">再选一个方案即可对比（A 与 B 各选一个）。</p>
        )}
      </details>

      <h3 className="plan-h3">
        候选点排名{' '}
        {props.candidatesStale && <span className="muted">（正在按新权重重新计算…）</span>}
      </h3>
      {props.candidatesPending && <ElapsedProgress label="正在计算 620 个点位的得分…" />}
      {props.candidatesError && (
        <RetryError message={props.candidatesError} onRetry={props.onCandidatesRetry} />
      )}
      {!props.candidatesPending && (
        <CandidateList
          items={candidates}
          weights={weights}
          selected={new Set(selection)}
          onToggle={(id) =>
            props.onSelectionChange(
              selection.includes(id) ? selection.filter((x) => x !== id) : [...selection, id],
            )
          }
          onFocus={props.onFocus}
          focusedId={props.focusedId}
          stale={props.candidatesStale}
        />
      )}
    </div>
  )
}

function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  return Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message]))
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
