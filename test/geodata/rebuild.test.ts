import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { buildGeodataFiles, outputNames } from '../../geodata/build/build-geodata-files.ts'
import { geodataDir } from './read-geodata.ts'

describe('geodata build', () => {
  // build from a copy of geodata/sources in a temp folder: proves the build needs nothing else
  const tmp = mkdtempSync(join(tmpdir(), 'geodata-sources-'))
  cpSync(join(geodataDir, 'sources'), tmp, { recursive: true })
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))
  const files = buildGeodataFiles({ place: '532927', sourcesDir: tmp })

  test('writes one file per output layer and nothing else', () => {
    expect([...files.keys()]).toEqual(outputNames.map((n) => `${n}.geojson`))
    const committed = readdirSync(geodataDir).filter((f) => f.endsWith('.geojson'))
    expect(committed.sort()).toEqual([...files.keys()].sort())
  })

  test.each(outputNames)(
    'rebuilding %s from a copy of geodata/sources gives the committed bytes',
    (name) => {
      const committed = readFileSync(join(geodataDir, `${name}.geojson`), 'utf8')
      // compare as strings first: a mismatch then shows the first differing line, not a byte dump
      const built = files.get(`${name}.geojson`) ?? ''
      if (built !== committed) {
        const a = built.split('\n')
        const b = committed.split('\n')
        const line = a.findIndex((l, i) => l !== b[i])
        expect(
          a[line]?.slice(0, 300),
          `first difference at line ${line + 1}; run npm run geodata`,
        ).toBe(b[line]?.slice(0, 300))
      }
      expect(built).toBe(committed)
    },
  )

  test('the build is written one feature per line', () => {
    for (const text of files.values()) {
      const lines = text.trimEnd().split('\n')
      expect(lines[0]).toBe('{"type":"FeatureCollection","features":[')
      expect(lines[lines.length - 1]).toBe(']}')
      for (const line of lines.slice(1, -1))
        expect(line.startsWith('{"type":"Feature","id":')).toBe(true)
    }
  })
})
