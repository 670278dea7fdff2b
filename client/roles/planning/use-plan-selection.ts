// The plan being built, in the URL so a link shares it and back/forward step through it: its check
// points (`?points=a,b`) and the saved plan it was loaded from (`?plan=id`), named from the saved
// plans (or, just saved, from the save's answer). A link with `?plan=` (pasted, reloaded) brings
// the saved plan's weights and constraints too, once per plan.
import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { type Candidate, type PlanListItem, plansQuery } from '../../features/planning/api.ts'
import type { LoadedPlan } from '../../features/planning/demo-points-panel.tsx'
import { planningLayerIds, type StarPoint } from '../../features/planning/layers.ts'
import { useUrlId, useUrlList } from '../../lib/url-state.ts'
import type { MapClick } from '../../map/map-view.tsx'

export function usePlanSelection(
  setNotice: (notice: string) => void,
  restore: (saved: PlanListItem) => void, // stable: sets the screen's weights and constraints
) {
  const plans = useQuery(plansQuery())
  const [selection, setSelection] = useUrlList('points')
  const [planId, setPlanId] = useUrlId('plan')
  const saved = planId ? plans.data?.find((p) => p.id === planId) : undefined
  const restored = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!saved || restored.current === saved.id) return
    restored.current = saved.id
    restore(saved)
  }, [saved, restore])
  const [savedNames, setSavedNames] = useState<Record<string, string>>({})
  const name = planId && (savedNames[planId] ?? saved?.name)
  const loaded = useMemo(() => (planId && name ? { id: planId, name } : undefined), [planId, name])
  const setLoaded = useCallback(
    (plan: LoadedPlan | undefined) => {
      if (plan) setSavedNames((names) => ({ ...names, [plan.id]: plan.name }))
      setPlanId(plan?.id)
    },
    [setPlanId],
  )

  /** Adds or removes a check point (`name` for the notice) and says which. */
  const toggle = useCallback(
    (id: string, name: string | undefined) => {
      setSelection((ids) => {
        const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]
        setNotice(
          `${ids.includes(id) ? '已从方案移除' : '已加入方案'}：${name ?? id}（共 ${next.length} 个）`,
        )
        return next
      })
    },
    [setSelection, setNotice],
  )
  return { plans, selection, setSelection, loaded, setLoaded, toggle }
}

/** A click on the 示范点 map: a candidate or a plan's star joins or leaves the plan. */
export function usePlanClick(
  enabled: boolean, // the 示范点 tab, not comparing plans
  byId: ReadonlyMap<string, Candidate>,
  toggle: (id: string, name: string | undefined) => void,
  setFocusedId: (id: string) => void,
) {
  return useCallback(
    (click: MapClick) => {
      if (!enabled) return
      // a candidate is a MapLibre circle, a plan's star a deck.gl icon
      const candidate = click.baseFeatures.find((f) => f.layer.id === planningLayerIds.candidates)
      const star = click.deckPicks.find((p) => p.layer?.id === planningLayerIds.planStars)
      const id = candidate?.properties.id ?? (star?.object as StarPoint | undefined)?.id
      if (typeof id !== 'string') return
      setFocusedId(id)
      toggle(id, byId.get(id)?.name)
    },
    [enabled, byId, toggle, setFocusedId],
  )
}
