// Reads a file back with GDAL's ogrinfo -al, so the exports are checked by software other than ours.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface OgrLayer {
  featureCount: number
  /** field name → value text, as ogrinfo prints it; unset fields are absent */
  features: Record<string, string>[]
  /** field name → OGR type (String, Real, DateTime …) */
  fieldTypes: Map<string, string>
  /** WKT of each feature's geometry, where it has one */
  geometries: string[]
}

const geometryLine =
  /^ {2}(POINT|MULTIPOINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION)\b/
const fieldLine = /^ {2}(\S.*?) \((\w+)\) = (.*)$/

/** Writes the bytes to a temporary file named `filename` and returns ogrinfo's layers by name. */
export async function ogrinfo(
  bytes: Uint8Array,
  filename: string,
  openOptions: string[] = [],
): Promise<Map<string, OgrLayer>> {
  const dir = mkdtempSync(join(tmpdir(), 'ogrinfo-'))
  try {
    const path = join(dir, filename)
    writeFileSync(path, bytes)
    const args = ['-ro', '-al', ...openOptions.flatMap((o) => ['-oo', o]), path]
    const { stdout } = await run('ogrinfo', args, { timeout: 20_000, maxBuffer: 64 * 1024 * 1024 })
    return parseOgrinfo(stdout)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs one SQL statement (GDAL's SQLite dialect, so ST_* functions) on a file; its first value. */
export async function ogrSql(bytes: Uint8Array, filename: string, sql: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ogrinfo-'))
  try {
    const path = join(dir, filename)
    writeFileSync(path, bytes)
    const { stdout } = await run(
      'ogrinfo',
      ['-ro', '-q', '-dialect', 'sqlite', '-sql', sql, path],
      {
        timeout: 20_000,
      },
    )
    return /^\s*\S+ \(\w+\) = (.*)$/m.exec(stdout)?.[1] ?? ''
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function parseOgrinfo(stdout: string): Map<string, OgrLayer> {
  const layers = new Map<string, OgrLayer>()
  let layer: OgrLayer | undefined
  let feature: Record<string, string> | undefined
  let lastField: string | undefined
  for (const line of stdout.split('\n')) {
    const layerName = /^Layer name: (.*)$/.exec(line)?.[1]
    if (layerName !== undefined) {
      layer = { featureCount: 0, features: [], fieldTypes: new Map(), geometries: [] }
      layers.set(layerName, layer)
      feature = undefined
      continue
    }
    if (!layer) continue
    const count = /^Feature Count: (\d+)$/.exec(line)?.[1]
    if (count !== undefined) layer.featureCount = Number(count)
    if (/^OGRFeature\(.*\):\d+$/.test(line)) {
      feature = {}
      layer.features.push(feature)
      lastField = undefined
      continue
    }
    if (!feature) continue
    const field = fieldLine.exec(line)
    if (field) {
      const [, name = '', type = '', value = ''] = field
      feature[name] = value
      layer.fieldTypes.set(name, type)
      lastField = name
    } else if (geometryLine.test(line)) {
      layer.geometries.push(line.trim())
      lastField = undefined
    } else if (lastField !== undefined && line !== '') {
      feature[lastField] += `\n${line}` // a value with line breaks continues on the next lines
    }
  }
  return layers
}
