// The plan being built in 示范点: its name, 一键优化 (which replaces the selection) and saving it as a
// new plan or over the loaded one, with what each reports back.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { OptimiseResult } from './api.ts'
import { createPlan, optimisePlan, planningKeys, updatePlan } from './api.ts'
import type { DemoPointsPanelProps } from './demo-points-panel.tsx'

export type SaveMode = 'new' | 'update'

type DraftInput = Pick<
  DemoPointsPanelProps,
  | 'weights'
  | 'constraints'
  | 'selection'
  | 'loaded'
  | 'signedIn'
  | 'onSelectionChange'
  | 'onLoadedChange'
  | 'onLoginRequest'
>

export function usePlanDraft(props: DraftInput) {
  const { weights, constraints, selection, loaded } = props
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [saved, setSaved] = useState<string>()
  const [optimised, setOptimised] = useState<OptimiseResult>()
  const [nameMissing, setNameMissing] = useState(false)

  const optimise = useMutation({
    mutationFn: () => optimisePlan(weights, constraints),
    onSuccess: (result) => {
      setOptimised(result)
      setSaved(undefined)
      props.onSelectionChange(result.checkpointIds)
    },
  })
  const save = useMutation({
    mutationFn: (mode: SaveMode) => {
      const draft = { name: name.trim(), checkpointIds: [...selection], weights, constraints }
      return mode === 'update' && loaded ? updatePlan(loaded.id, draft) : createPlan(draft)
    },
    onSuccess: (plan) => {
      setSaved(`方案“${plan.name}”已保存（${plan.checkpointIds.length} 个点位）。`)
      props.onLoadedChange({ id: plan.id, name: plan.name })
      void queryClient.invalidateQueries({ queryKey: planningKeys.plans() })
    },
  })

  const nameError = name.trim().length > 50 ? '方案名称最多 50 个字。' : undefined
  const trySave = (mode: SaveMode) => {
    if (!props.signedIn) {
      props.onLoginRequest('保存方案需要规划人员或管理员账号，请先登录（演示账号 planner）。')
    } else if (!name.trim()) {
      setNameMissing(true)
    } else {
      save.mutate(mode)
    }
  }
  /** The planner typed a name: it is no longer missing. */
  const editName = (text: string) => {
    setName(text)
    setNameMissing(false)
  }

  return {
    name,
    setName,
    editName,
    nameError,
    nameMissing,
    saved,
    optimised,
    setOptimised,
    optimise,
    save,
    trySave,
  }
}

export type PlanDraft = ReturnType<typeof usePlanDraft>
