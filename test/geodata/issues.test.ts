import { booleanPointInPolygon, distance } from '@turf/turf'
import type { MultiPolygon, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { isOverdue, issueCategories, issueStatuses } from '../../server/domain/issue.ts'
import { departmentUnits, townshipUnitCode } from '../../server/domain/units.ts'
import { readLayer, seedNow } from './read-geodata.ts'

const issues = readLayer<Point>('issues').features
const checkpoints = readLayer<Point>('checkpoints').features
const grids = readLayer<MultiPolygon>('grids').features
const townships = readLayer<MultiPolygon>('townships').features
const checkpointById = new Map(checkpoints.map((c) => [c.id, c]))
const gridById = new Map(grids.map((g) => [g.id, g]))
const now = Date.parse(seedNow)
const dayMs = 86_400_000
const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/

describe('issues', () => {
  test('number 2,000–3,000 with ids issue-00001… in order of discovery', () => {
    expect(issues.length).toBeGreaterThanOrEqual(2000)
    expect(issues.length).toBeLessThanOrEqual(3000)
    expect(issues.map((i) => i.id)).toEqual(
      issues.map((_, k) => `issue-${String(k + 1).padStart(5, '0')}`),
    )
    const reported = issues.map((i) => Date.parse(i.properties.reportedAt as string))
    expect(reported).toEqual([...reported].sort((a, b) => a - b))
  })

  test('use only known categories and statuses, with a short description', () => {
    for (const i of issues) {
      expect(issueCategories).toContain(i.properties.category)
      expect(issueStatuses).toContain(i.properties.status)
      expect(String(i.properties.description).length).toBeGreaterThan(4)
      expect(i.properties.synthetic).toBe(true)
    }
  })

  test('reference an existing check point, grid and township, consistently', () => {
    const townshipCodes = new Set(townships.map((t) => t.id))
    for (const i of issues) {
      const c = checkpointById.get(i.properties.checkpointId as string)
      expect(c, String(i.id)).toBeDefined()
      expect(i.properties.gridCode).toBe(c?.properties.gridCode)
      expect(gridById.has(i.properties.gridCode as string)).toBe(true)
      expect(i.properties.townshipCode).toBe(c?.properties.townshipCode)
      expect(townshipCodes.has(i.properties.townshipCode as string)).toBe(true)
    }
  })

  test('each lies inside its grid and within 50 m of its check point', () => {
    const bad: string[] = []
    for (const i of issues) {
      const grid = gridById.get(i.properties.gridCode as string)
      const c = checkpointById.get(i.properties.checkpointId as string)
      if (!grid || !c || !booleanPointInPolygon(i, grid)) bad.push(`${i.id} outside its grid`)
      else if (distance(i, c, { units: 'meters' }) > 50) bad.push(`${i.id} too far`)
    }
    expect(bad).toEqual([])
  })

  test('times are ISO 8601 UTC seconds within the 90 days before now, in loop order', () => {
    for (const i of issues) {
      const p = i.properties
      for (const key of ['reportedAt', 'updatedAt', 'deadlineAt']) expect(p[key], key).toMatch(iso)
      const reported = Date.parse(p.reportedAt as string)
      const updated = Date.parse(p.updatedAt as string)
      expect(reported).toBeGreaterThanOrEqual(now - 90 * dayMs)
      expect(reported).toBeLessThan(now)
      expect(updated).toBeGreaterThanOrEqual(reported)
      expect(updated).toBeLessThanOrEqual(now)
      expect(Date.parse(p.deadlineAt as string)).toBeGreaterThan(reported)
    }
  })

  test('closedAt is present exactly when the issue is closed, and equals its last update', () => {
    for (const i of issues) {
      const p = i.properties
      if (p.status === 'closed') {
        expect(p.closedAt).toMatch(iso)
        expect(p.closedAt).toBe(p.updatedAt)
      } else {
        expect(p).not.toHaveProperty('closedAt')
      }
    }
  })

  test('the status mix is realistic: older issues mostly closed, some open and some overdue', () => {
    const old = issues.filter(
      (i) => Date.parse(i.properties.reportedAt as string) < now - 30 * dayMs,
    )
    const oldClosed = old.filter((i) => i.properties.status === 'closed').length
    expect(oldClosed / old.length).toBeGreaterThan(0.9)
    for (const status of issueStatuses) {
      expect(
        issues.some((i) => i.properties.status === status),
        status,
      ).toBe(true)
    }
    const overdue = issues.filter((i) =>
      isOverdue(
        { status: i.properties.status as never, deadlineAt: i.properties.deadlineAt as string },
        new Date(now),
      ),
    )
    expect(overdue.length).toBeGreaterThan(10)
    expect(overdue.length).toBeLessThan(issues.length * 0.1)
  })

  test('responsible units are county departments or the township government', () => {
    const units = new Set(departmentUnits.map((u) => u.code))
    for (const i of issues) {
      const unit = i.properties.responsibleUnit as string
      expect(
        units.has(unit) || unit === townshipUnitCode(i.properties.townshipCode as string),
        unit,
      ).toBe(true)
    }
    const parking = issues.filter(
      (i) =>
        i.properties.category === 'illegal-parking' &&
        !String(i.properties.responsibleUnit).startsWith('township-'),
    )
    expect(parking.every((i) => i.properties.responsibleUnit === 'traffic-police')).toBe(true)
  })

  test('density varies: the core and a few hot spots carry most issues', () => {
    const core = issues.filter(
      (i) => gridById.get(i.properties.gridCode as string)?.properties.urbanCore,
    )
    expect(core.length / issues.length).toBeGreaterThan(0.5)
    const perCheckpoint = new Map<string, number>()
    for (const i of issues)
      perCheckpoint.set(
        i.properties.checkpointId as string,
        (perCheckpoint.get(i.properties.checkpointId as string) ?? 0) + 1,
      )
    const counts = [...perCheckpoint.values()].sort((a, b) => b - a)
    const mean = issues.length / checkpoints.length
    expect(counts[0]).toBeGreaterThan(5 * mean)
  })
})
