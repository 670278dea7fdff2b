import type { Feature } from 'geojson'
import { describe, expect, test } from 'vitest'
import {
  describeSelection,
  inspectAction,
} from '../../../../client/roles/overview/map-selection.ts'
import { buildCheckpoint } from '../../../builders.ts'

const now = new Date('2026-12-06T08:00:00Z')
const checkpoint = buildCheckpoint({ properties: { kind: 'fixed', category: 'market' } })
const selected = {
  collection: 'checkpoints',
  id: String(checkpoint.id),
  feature: checkpoint as unknown as Feature,
}

describe('a selected check point on the desktop map', () => {
  test('offers its 点位测评 to a reader who may inspect: the phone checklist of that point', () => {
    const details = describeSelection(selected, now, {}, undefined, true)
    expect(details.action?.label).toContain('点位测评')
    const href = new URL(details.action?.href ?? '', 'http://x')
    expect(href.pathname).toBe('/m')
    expect(href.searchParams.get('tab')).toBe('inspect')
    expect(href.searchParams.get('checkpoint')).toBe(String(checkpoint.id))
  })

  test('offers nothing to a reader who may not inspect, and nothing on other kinds', () => {
    expect(describeSelection(selected, now, {}).action).toBeUndefined()
    const grid = { ...selected, collection: 'villages' }
    expect(describeSelection(grid, now, {}, undefined, true).action).toBeUndefined()
  })

  test('an id with URL-special characters stays one query value', () => {
    const href = new URL(inspectAction('cp 1&tab=report').href, 'http://x')
    expect(href.searchParams.get('checkpoint')).toBe('cp 1&tab=report')
    expect(href.searchParams.get('tab')).toBe('inspect')
  })
})
