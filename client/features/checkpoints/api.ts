// Check points (测评点位), fixed and random, from the OGC collection `checkpoints`.
import type { Point } from 'geojson'
import type { CheckpointProperties } from '../../../server/domain/checkpoint.ts'
import type { FeaturePage } from '../../lib/api-client.ts'
import { collectionQuery } from '../../lib/collection-query.ts'

export type CheckpointCollection = FeaturePage<Point, CheckpointProperties>
export type CheckpointFeature = CheckpointCollection['features'][number]

export const checkpointsQuery = () => collectionQuery<Point, CheckpointProperties>('checkpoints')
