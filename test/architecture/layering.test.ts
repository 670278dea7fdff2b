// Layering guards that biome's import rules cannot express: the client imports only server/domain
// from the server, and the planning and analytics cores stay free of I/O (like server/domain, which
// biome.json keeps pure). Type-only imports of the store contract are allowed: a service may take a
// Store, it may not open one.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
}

interface ImportLine {
  file: string
  specifier: string
  typeOnly: boolean
}

function importsOf(file: string): ImportLine[] {
  const text = readFileSync(join(root, file), 'utf8')
  const found: ImportLine[] = []
  const pattern = /^(import|export)(\s+type)?[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/gms
  for (const match of text.matchAll(pattern)) {
    found.push({ file, specifier: match[3] ?? match[4] ?? '', typeOnly: match[2] !== undefined })
  }
  return found
}

/** The repository path an import points at, or the bare package name. */
function target(line: ImportLine): string {
  if (!line.specifier.startsWith('.')) return line.specifier
  return relative(root, resolve(dirname(join(root, line.file)), line.specifier))
}

// client modules that still import server modules other than server/domain, and why
const clientAllowList: Record<string, string> = {}

describe('layering', () => {
  it('the client imports nothing from the server but server/domain', () => {
    const offenders = sourceFiles('client')
      .flatMap(importsOf)
      .map((line) => ({ line, to: target(line) }))
      .filter(({ to }) => to.startsWith('server/') && !to.startsWith('server/domain/'))
      .map(({ line, to }) => `${line.file} → ${to}`)
      .filter((edge) => !Object.hasOwn(clientAllowList, edge))
    expect(offenders).toEqual([])
  })

  it('every client allow-list entry is still needed', () => {
    const edges = new Set(
      sourceFiles('client')
        .flatMap(importsOf)
        .map((line) => `${line.file} → ${target(line)}`),
    )
    expect(Object.keys(clientAllowList).filter((edge) => !edges.has(edge))).toEqual([])
  })

  for (const dir of ['server/planning', 'server/analytics']) {
    it(`${dir} does no I/O: no http, no storage values, no node:, express or database drivers`, () => {
      const offenders = sourceFiles(dir)
        .flatMap(importsOf)
        .filter((line) => {
          const to = target(line)
          if (to.startsWith('server/http/')) return true
          if (to.startsWith('server/storage/')) return !line.typeOnly
          return /^(node:|express$|better-sqlite3$|pg$|fs$|path$)/.test(to)
        })
        .map((line) => `${line.file} → ${line.specifier}`)
      expect(offenders).toEqual([])
    })
  }

  // services throw domain errors (RecordNotFound, InvalidInput…); http/error-handler.ts alone turns
  // them into answers, so only the HTTP and OGC layers build HTTP errors themselves
  it('only server/http and server/ogc import the HTTP error classes', () => {
    const offenders = sourceFiles('server')
      .filter((file) => !/^server\/(http|ogc)\//.test(file))
      .flatMap(importsOf)
      .filter((line) => ['server/ogc/exception.ts', 'server/http/errors.ts'].includes(target(line)))
      .map((line) => `${line.file} → ${line.specifier}`)
    expect(offenders).toEqual([])
  })
})
