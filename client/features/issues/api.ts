// Issues (问题台账) from the OGC collection `issues`.
import type { Point } from 'geojson'
import type { IssueProperties } from '../../../server/domain/issue.ts'
import type { FeaturePage } from '../../lib/api-client.ts'
import { collectionQuery } from '../../lib/collection-query.ts'

export type IssueCollection = FeaturePage<Point, IssueProperties>
export type IssueFeature = IssueCollection['features'][number]

export const issuesQuery = () => collectionQuery<Point, IssueProperties>('issues')
