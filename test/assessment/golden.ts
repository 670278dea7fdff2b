// Golden JSON compared as data, not text, so the formatter may lay the file out as it likes.
// REGEN=1 rewrites a golden; a missing one is written, except under CI=1, where it fails.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'vitest'

export function expectGolden(value: unknown, url: URL): void {
  const data = JSON.parse(JSON.stringify(value)) as unknown
  if (process.env.REGEN === '1' || (!existsSync(url) && process.env.CI !== '1')) {
    writeFileSync(url, `${JSON.stringify(data, null, 2)}\n`)
    return
  }
  expect(data).toEqual(JSON.parse(readFileSync(url, 'utf8')))
}
