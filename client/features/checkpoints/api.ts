// Check points (测评点位), fixed and random, from the OGC collection `checkpoints`.
import { queryOptions } from '@tanstack/react-query'
import type { Point } from 'geojson'
import type { CheckStatus } from '../../../server/domain/checklist.ts'
import type { CheckpointProperties } from '../../../server/domain/checkpoint.ts'
import { apiRequest, type FeaturePage } from '../../lib/api-client.ts'
import { collectionQuery } from '../../lib/collection-query.ts'

export type CheckpointCollection = FeaturePage<Point, CheckpointProperties>
export type CheckpointFeature = CheckpointCollection['features'][number]

export const checkpointsQuery = () => collectionQuery<Point, CheckpointProperties>('checkpoints')

/** Each inspected point's 点位测评 status (GET /api/inspections/status); absent points: never. */
export const checkStatusesQuery = () =>
  queryOptions({
    queryKey: ['inspections', 'status'] as const,
    queryFn: async ({ signal }) => {
      const body = await apiRequest<{ items: { checkpointId: string; status: CheckStatus }[] }>(
        'api/inspections/status',
        { signal, action: '读取点位测评状态' },
      )
      return new Map(body.items.map((i) => [i.checkpointId, i.status]))
    },
    staleTime: 60_000,
  })
