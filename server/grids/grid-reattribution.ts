// After a geometry edit, the check points and issues of the changed grids move to the grid that
// now contains them.

import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { GridGeometry, GridShape } from '../domain/grid-shape.ts'
import type { LngLat, NewIssueEvent } from '../domain/issue.ts'
import type { User } from '../domain/roles.ts'
import type { GridChangePlan, GridView } from '../storage/grid-store.ts'
import { actorOf } from './grid-change.ts'

/** The shape containing the point; a point on no shape (a boundary rounding) goes to the nearest. */
function locate(shapes: readonly GridShape[], lngLat: LngLat): string {
  for (const shape of shapes) {
    if (booleanPointInPolygon(lngLat, shape.geometry)) return shape.code
  }
  let best = shapes[0]?.code ?? ''
  let bestDistance = Infinity
  for (const shape of shapes) {
    const d = distanceToVertices(shape.geometry, lngLat)
    if (d < bestDistance) {
      bestDistance = d
      best = shape.code
    }
  }
  return best
}

function distanceToVertices(geometry: GridGeometry, [x, y]: LngLat): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let best = Infinity
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [px = 0, py = 0] of ring) best = Math.min(best, (px - x) ** 2 + (py - y) ** 2)
    }
  }
  return best
}

/** New gridCodes for every check point and issue in `from` grids, located among `shapes`. */
export function reattribute(
  view: GridView,
  user: User,
  at: string,
  from: readonly string[],
  shapes: readonly GridShape[],
  plan: GridChangePlan,
  pick: (lngLat: LngLat) => string = (lngLat) => locate(shapes, lngLat),
): { checkpoints: number; issues: number } {
  plan.checkpoints ??= []
  plan.issueEvents ??= []
  let checkpoints = 0
  let issues = 0
  for (const point of view.checkpointsIn(from)) {
    const gridCode = pick(point.lngLat)
    if (gridCode === point.gridCode) continue
    plan.checkpoints.push({ id: point.id, gridCode })
    checkpoints++
  }
  for (const issue of view.issuesIn(from)) {
    const gridCode = pick(issue.lngLat)
    if (gridCode === issue.properties.gridCode) continue
    const event: NewIssueEvent = {
      issueId: issue.id,
      at,
      ...actorOf(user),
      action: 'regrid',
      changes: { gridCode },
      note: `网格调整：由网格 ${issue.properties.gridCode} 划入网格 ${gridCode}`,
    }
    plan.issueEvents.push(event)
    issues++
  }
  return { checkpoints, issues }
}
