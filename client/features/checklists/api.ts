// 点位测评 over the API: a point's checklist (GET /api/checkpoints/:id/checklist), a unit operator's
// own points (GET /api/checkpoints/own) and recording an inspection (POST
// /api/checkpoints/:id/inspections; each failed item comes back with its issue id).
import { queryOptions } from '@tanstack/react-query'
import type {
  ChecklistItem,
  CheckResult,
  CheckStatus,
  Inspection,
  LatestInspection,
} from '../../../server/domain/checklist.ts'
import { apiRequest } from '../../lib/api-client.ts'

export interface CheckpointChecklist {
  checkpoint: { id: string; name: string; category: string; unitCode: string }
  items: ChecklistItem[]
  latest?: LatestInspection
  status: CheckStatus
}

export const checklistKeys = {
  all: ['checklists'] as const,
  point: (id: string) => ['checklists', 'point', id] as const,
  own: () => ['checklists', 'own'] as const,
}

/** A unit operator's own point to 自查 (GET /api/checkpoints/own). */
export interface OwnCheckpoint {
  id: string
  name: string
  kind: 'fixed' | 'random'
  category: string
  status: CheckStatus
  at?: string
}

export const ownCheckpointsQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: checklistKeys.own(),
    queryFn: async ({ signal }) =>
      (
        await apiRequest<{ items: OwnCheckpoint[] }>('api/checkpoints/own', {
          signal,
          action: '读取本单位点位',
        })
      ).items,
    enabled,
  })

export const checklistQuery = (checkpointId: string) =>
  queryOptions({
    queryKey: checklistKeys.point(checkpointId),
    queryFn: ({ signal }) =>
      apiRequest<CheckpointChecklist>(
        `api/checkpoints/${encodeURIComponent(checkpointId)}/checklist`,
        { signal, action: '读取测评清单' },
      ),
    enabled: checkpointId !== '',
  })

export function recordInspection(
  checkpointId: string,
  results: { itemCode: string; result: CheckResult; note?: string }[],
): Promise<Inspection> {
  return apiRequest(`api/checkpoints/${encodeURIComponent(checkpointId)}/inspections`, {
    json: { results },
    action: '提交点位测评',
  })
}
