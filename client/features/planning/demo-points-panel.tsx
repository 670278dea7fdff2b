// 示范点: the plan being built (count, mean score, 一键优化 against the random baseline, save under a
// name), weight sliders, constraints, the saved plans with A/B comparison, and the ranked list.
import { useQuery } from '@tanstack/react-query'
import { RetryError } from '../../ui/retry-error.tsx'
import type { Candidate, Constraints, Weights } from './api.ts'
import { compareQuery, plansQuery } from './api.ts'
import { CandidateList } from './candidate-list.tsx'
import { ConstraintsForm } from './constraints-form.tsx'
import { CurrentPlan } from './current-plan.tsx'
import { defaultWeights } from './factors.ts'
import { fieldErrorsOf } from './plan-errors.ts'
import { PlanCompare } from './plan-list.tsx'
import { ElapsedProgress } from './progress.tsx'
import { SavedPlans } from './saved-plans.tsx'
import { usePlanDraft } from './use-plan-draft.ts'
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

export function DemoPointsPanel(props: DemoPointsPanelProps) {
  const { weights, constraints, selection, candidates, loaded, compare, canEdit } = props
  const draft = usePlanDraft(props)
  const plans = useQuery(plansQuery())
  const bothChosen = compare.a && compare.b && compare.a !== compare.b
  const comparison = useQuery({
    ...compareQuery(compare.a ?? '', compare.b ?? ''),
    enabled: Boolean(bothChosen),
  })
  const planA = plans.data?.find((p) => p.id === compare.a)
  const planB = plans.data?.find((p) => p.id === compare.b)

  return (
    <div className="plan-tab" data-testid="demo-panel">
      <CurrentPlan
        draft={draft}
        selection={selection}
        candidates={candidates}
        loaded={loaded}
        signedIn={props.signedIn}
        canEdit={canEdit}
        onClear={() => {
          props.onSelectionChange([])
          draft.setOptimised(undefined)
          props.onLoadedChange(undefined)
        }}
      />
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
          errors={fieldErrorsOf(draft.optimise.error)}
        />
      </details>
      <SavedPlans
        plans={plans}
        loaded={loaded}
        onLoadedChange={props.onLoadedChange}
        compare={compare}
        onCompareChange={props.onCompareChange}
        bothChosen={Boolean(bothChosen)}
        canEdit={canEdit}
        onLoad={(plan) => {
          props.onSelectionChange(plan.checkpointIds)
          props.onWeightsChange({ ...defaultWeights, ...plan.weights })
          props.onConstraintsChange(plan.constraints)
          props.onLoadedChange({ id: plan.id, name: plan.name })
          draft.setName(plan.name)
          draft.setOptimised(undefined)
        }}
      />

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
