// Tests mirror the code (issue #22): every folder of test/ holding unit tests is named after a folder
// of server/ (or client/ under test/client/), so the tests of a module are found where it lives.
// The others are named here with what they hold.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const folders = (dir: string) =>
  readdirSync(join(root, dir)).filter((name) => statSync(join(root, dir, name)).isDirectory())

const notSourceFolders: Record<string, string> = {
  architecture: 'checks of the tree itself (layering, module size, this mirror)',
  artifacts: 'screenshots and documents the e2e runs write (not committed)',
  bench: 'seeded benchmarks',
  client: 'mirrors client/ (checked below)',
  cluster: 'server/cluster.ts: several server processes on one store',
  clients: 'GDAL, OWSLib and QGIS-style clients against the running server',
  e2e: 'headless-Chromium scripts over the built app',
  fixtures: 'shared test data',
  geodata: 'mirrors the top-level geodata/ build',
  scripts: 'mirrors the top-level scripts/',
}

describe('test/ mirrors the code', () => {
  it('every folder of test/ is a folder of server/ or named above', () => {
    const server = new Set(folders('server'))
    expect(
      folders('test').filter((f) => !server.has(f) && !Object.hasOwn(notSourceFolders, f)),
    ).toEqual([])
  })

  it('every folder of test/client/ is a folder of client/, and so for its features and roles', () => {
    for (const dir of ['', 'features', 'roles']) {
      const source = new Set(folders(join('client', dir)))
      expect(
        folders(join('test/client', dir)).filter((f) => !source.has(f)),
        `client/${dir}`,
      ).toEqual([])
    }
  })
})
