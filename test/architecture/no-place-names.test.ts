// Nothing in server/ or client/ names a place: codes, names and titles come from the place profile
// (geodata/places/<code>/place.json). This greps every source file for the three places we serve.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, test } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const placeWords = ['巍山', '长葛', '驿城', '532927', '411082', '411702']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|html|css|json|md)$/.test(entry.name) ? [path] : []
  })
}

describe('no place named in server/ or client/', () => {
  const files = [...sourceFiles(join(root, 'server')), ...sourceFiles(join(root, 'client'))]

  test('the scan sees the sources', () => {
    expect(files.length).toBeGreaterThan(100)
  })

  test.each(placeWords)('%s appears nowhere', (word) => {
    const hits = files
      .filter((file) => readFileSync(file, 'utf8').includes(word))
      .map((file) => relative(root, file))
    expect(hits).toEqual([])
  })
})
