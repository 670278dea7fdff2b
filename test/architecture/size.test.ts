// Small modules: no source file over 500 lines and no function over 120 lines of its own (nested
// functions count for themselves) in server/ and client/ (tests and generated files aside). The allow-list names today's exceptions and why; an
// entry that is no longer needed fails the test, so the list only shrinks.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseAst } from 'rolldown/parseAst'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const maxFileLines = 500
const maxFunctionLines = 120

function sourceFiles(): string[] {
  return ['server', 'client'].flatMap((dir) =>
    readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => relative(root, join(e.parentPath, e.name))),
  )
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

type Node = { type?: string; start?: number; end?: number; [key: string]: unknown }

const functionTypes = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
])

/** Every function, method and arrow function over the limit, as "file:name". */
function longFunctions(file: string, text: string): string[] {
  // vite's parser (oxc through rolldown): TypeScript 7 has no JavaScript API to parse with
  const program = parseAst(
    text,
    { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' },
    file,
  ) as unknown as Node
  const lineStarts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1)
  const lineOf = (offset: number) => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const found: string[] = []
  // a function's own lines: its span less the spans of the functions nested in it, so a route
  // table or a component is measured by its own code, each handler or callback by its own
  const visit = (node: unknown, name: string): number => {
    if (Array.isArray(node)) return node.reduce((sum: number, c) => sum + visit(c, name), 0)
    if (!node || typeof node !== 'object') return 0
    const n = node as Node
    let here = name
    const id = (n.id ?? n.key) as Node | undefined
    if (id && typeof id.name === 'string') here = id.name
    let nested = 0
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'start' && key !== 'end' && typeof value === 'object')
        nested += visit(value, here)
    }
    if (n.type && functionTypes.has(n.type) && n.start !== undefined && n.end !== undefined) {
      const lines = lineOf(n.end) - lineOf(n.start) + 1
      if (lines - nested > maxFunctionLines) found.push(`${file}:${here}`)
      return lines
    }
    return nested
  }
  visit(program, '(top)')
  return found
}

// exceptions, each with why it is long and what would shorten it (none today)
const allowed: Record<string, string> = {}

describe('module size', () => {
  const files = sourceFiles().map((file) => ({
    file,
    text: readFileSync(join(root, file), 'utf8'),
  }))
  const offenders = [
    ...files
      .filter(({ text }) => lineCount(text) > maxFileLines)
      .map(({ file }) => `${file} (file)`),
    ...files.flatMap(({ file, text }) => longFunctions(file, text)),
  ]

  it(`no file over ${maxFileLines} lines, no function over ${maxFunctionLines}, beyond the allow-list`, () => {
    expect(offenders.filter((o) => !Object.hasOwn(allowed, o))).toEqual([])
  })

  it('every allow-list entry is still needed', () => {
    expect(Object.keys(allowed).filter((o) => !offenders.includes(o))).toEqual([])
  })
})
