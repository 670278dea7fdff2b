// 已保存的方案 in 示范点: the saved plans to load, compare (A/B) or delete, and why a comparison is
// not shown yet. Deleting the loaded or a compared plan lets go of it.
import { type UseQueryResult, useMutation, useQueryClient } from '@tanstack/react-query'
import type { PlanListItem } from './api.ts'
import { deletePlan, planningKeys } from './api.ts'
import type { DemoPointsPanelProps } from './demo-points-panel.tsx'
import { errorText } from './plan-errors.ts'
import { PlanList } from './plan-list.tsx'

export interface SavedPlansProps
  extends Pick<DemoPointsPanelProps, 'loaded' | 'onLoadedChange' | 'compare' | 'onCompareChange'> {
  plans: UseQueryResult<PlanListItem[]>
  bothChosen: boolean
  canEdit: boolean
  onLoad: (plan: PlanListItem) => void
}

export function SavedPlans(props: SavedPlansProps) {
  const { plans, loaded, compare, bothChosen, canEdit } = props
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: (plan: PlanListItem) => deletePlan(plan.id),
    onSuccess: (_, plan) => {
      if (loaded?.id === plan.id) props.onLoadedChange(undefined)
      if (compare.a === plan.id || compare.b === plan.id) props.onCompareChange({})
      void queryClient.invalidateQueries({ queryKey: planningKeys.plans() })
    },
  })
  return (
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
        onLoad={props.onLoad}
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
  )
}
