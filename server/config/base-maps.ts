// Base maps besides the offline one, by configuration only: env BASE_MAPS_FILE names a JSON file
// listing XYZ tile services (天地图, an intranet tile server) and the county's own MBTiles/PMTiles
// files, which the server itself serves. Validated once at start; a bad entry stops the server with
// a message naming the field. GCJ-02 sources are refused (see gcj02Refusal). Fetches no tile.
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { z } from 'zod'

/**
 * Why a GCJ-02 tile source is refused rather than shifted: its offset from WGS84 varies from place
 * to place (a non-linear function of position), so the only correct shift warps every pixel, which
 * a raster tile drawn by MapLibre cannot do; a whole-tile translation leaves errors of tens of metres.
 */
export const gcj02Refusal =
  'GCJ-02（火星坐标）底图与本系统的 WGS84 图层（县界、网格、问题点位）相差约 100–700 米，且偏移随位置非线性变化，' +
  '栅格瓦片无法在浏览器中逐像素精确纠偏，叠加后网格与问题会落在错误的街道上，故不予加载。' +
  '请改用 WGS84 / CGCS2000 的瓦片服务（如天地图的 _w 服务）或本县自有的 WGS84 瓦片文件。'

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, '须为 1–32 个小写字母、数字或连字符（如 tianditu-img）')
  .refine((v) => v !== 'offline', '“offline” 留给离线底图')
const zoom = z.number().int('须为整数').min(0, '不能小于 0').max(22, '不能大于 22')

const common = {
  id,
  name: z.string().trim().min(1, '须写中文名称，如“天地图影像”'), // shown in the switcher
  attribution: z
    .string()
    .trim()
    .min(1, '须写版权与来源说明，如“© 国家地理信息公共服务平台 天地图”'),
  minzoom: zoom.default(0),
  maxzoom: zoom.default(18),
  tileSize: z.union([z.literal(256), z.literal(512)], '须为 256 或 512').default(256), // px
  crs: z.enum(['wgs84', 'gcj02'], '须为 wgs84 或 gcj02').default('wgs84'),
  layers: z.array(z.string().min(1)).optional(), // vector: source-layer names to draw
}

const urlEntry = z
  .object({
    ...common,
    type: z.enum(['raster', 'vector'], '须为 raster（栅格）或 vector（矢量）'),
    url: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, '须为 http:// 或 https:// 开头的瓦片地址模板')
      .refine(
        (v) => ['{z}', '{x}', '{y}'].every((part) => v.includes(part)),
        '须含 {z}、{x}、{y}（XYZ 瓦片地址模板）',
      )
      .refine((v) => URL.canParse(v.replace(/\{(z|x|y|key)\}/g, '0')), '不是有效的网址'),
    // the environment variable holding the key that fills {key} (天地图 tk): never in the JSON file
    keyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, '须为环境变量名，如 TIANDITU_KEY')
      .optional(),
  })
  .strict()

const fileEntry = z
  .object({
    ...common,
    file: z
      .string()
      .regex(
        /\.(mbtiles|pmtiles)$/i,
        '须为 .mbtiles 或 .pmtiles 文件（相对路径以配置文件所在目录为准）',
      ),
  })
  .strict()

const baseMapsFileSchema = z.object({ baseMaps: z.array(z.unknown()) }).strict()

type Entry = z.infer<typeof urlEntry> | z.infer<typeof fileEntry>

// an entry with `file` is an archive, any other a URL template: each is checked by its own schema so
// the messages name that schema's fields
function parseEntry(value: unknown, at: string, problems: string[]): Entry | undefined {
  const isFile = typeof value === 'object' && value !== null && 'file' in value
  const parsed = (isFile ? fileEntry : urlEntry).safeParse(value)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) {
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join('、') : ''
    problems.push(`${at}${fieldPath(issue.path)}${field ? `.${field}` : ''}: ${issue.message}`)
  }
  return undefined
}

interface BaseMapCommon {
  id: string
  name: string
  attribution: string
  minzoom: number
  maxzoom: number
  tileSize: 256 | 512
  layers?: string[]
}

/** A configured tile service: the browser loads its tiles straight from `tiles`. */
export interface UrlBaseMap extends BaseMapCommon {
  kind: 'url'
  type: 'raster' | 'vector'
  tiles: string // template with {z}/{x}/{y}, {key} already filled: never logged
}

/** A tile archive on this server's disk, served at /api/basemaps/{id}/{z}/{x}/{y}. */
export interface FileBaseMap extends BaseMapCommon {
  kind: 'file'
  file: string // absolute path
}

export type BaseMapConfig = UrlBaseMap | FileBaseMap

export class BaseMapsConfigError extends Error {
  override name = 'BaseMapsConfigError'
}

/**
 * Validates a parsed base-map file. `dir` resolves relative archive paths; `env` fills {key}.
 * Throws BaseMapsConfigError listing each bad field as `baseMaps[i].field: 原因`.
 */
export function parseBaseMaps(
  raw: unknown,
  { dir, env, source }: { dir: string; env: Record<string, string | undefined>; source: string },
): BaseMapConfig[] {
  const parsed = baseMapsFileSchema.safeParse(raw)
  const problems: string[] = []
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${fieldPath(issue.path).replace(/^\./, '') || '（文件）'}: ${issue.message}`)
    throw configError(source, problems)
  }
  const seen = new Set<string>()
  const list = parsed.data.baseMaps.map((value, i): BaseMapConfig | undefined => {
    const at = `baseMaps[${i}]`
    const item = parseEntry(value, at, problems)
    if (!item) return undefined
    if (seen.has(item.id)) problems.push(`${at}.id: “${item.id}” 重复`)
    seen.add(item.id)
    if (item.crs === 'gcj02')
      problems.push(`${at}.crs: 底图“${item.name}”为 gcj02。${gcj02Refusal}`)
    if (item.minzoom > item.maxzoom) problems.push(`${at}.minzoom: 大于 maxzoom`)
    const common = {
      id: item.id,
      name: item.name,
      attribution: item.attribution,
      minzoom: item.minzoom,
      maxzoom: item.maxzoom,
      tileSize: item.tileSize,
      ...(item.layers ? { layers: item.layers } : {}),
    }
    if ('file' in item) {
      return {
        ...common,
        kind: 'file',
        file: isAbsolute(item.file) ? item.file : resolve(dir, item.file),
      }
    }
    let tiles = item.url
    if (tiles.includes('{key}')) {
      const name = item.keyEnv
      const key = name ? env[name] : undefined
      if (!name)
        problems.push(`${at}.keyEnv: 地址含 {key}，须指明存放密钥的环境变量（如 TIANDITU_KEY）`)
      else if (!key)
        problems.push(`${at}.keyEnv: 环境变量 ${name} 未设置（地址中的 {key} 无从填写）`)
      else tiles = tiles.replaceAll('{key}', encodeURIComponent(key))
    }
    return { ...common, kind: 'url', type: item.type, tiles }
  })
  if (problems.length) throw configError(source, problems)
  return list as BaseMapConfig[]
}

/** Reads BASE_MAPS_FILE (if set) and validates it; no file: no configured base maps. */
export function loadBaseMaps(
  env: Record<string, string | undefined> = process.env,
): BaseMapConfig[] {
  const file = env.BASE_MAPS_FILE
  if (!file) return []
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new BaseMapsConfigError(
      `无法读取底图配置 ${file}（BASE_MAPS_FILE）：${(e as Error).message}`,
    )
  }
  return parseBaseMaps(raw, { dir: dirname(resolve(file)), env, source: file })
}

/** Origins the browser loads tiles from (for the CSP's img-src and connect-src). */
export function tileOrigins(list: readonly BaseMapConfig[]): string[] {
  const origins = list.flatMap((b) =>
    b.kind === 'url' ? [new URL(b.tiles.replace(/\{(z|x|y)\}/g, '0')).origin] : [],
  )
  return [...new Set(origins)]
}

// ['layers', 0] → '.layers[0]'
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
}

function configError(source: string, problems: string[]): BaseMapsConfigError {
  return new BaseMapsConfigError(`底图配置 ${source} 无效：\n  ${problems.join('\n  ')}`)
}
