// process.env → typed Config, validated once at start; a bad value stops the server with a clear message.
// Only server/main.ts calls loadConfig; everything else receives the Config it needs.
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { defaultPlaceCode } from './config/place.ts'
import { parseDigestTime } from './domain/digest.ts'

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080), // TCP port; 0 = any free port
  HOST: z.string().min(1).default('0.0.0.0'), // interface to listen on
  // the served county (geodata/places/<code>/place.json); @default geodata/places/default.json
  PLACE: z
    .string()
    .regex(/^\d{6}$/, '须为 6 位区划代码')
    .optional(),
  // SQLite file, ':memory:' or sqlite:// URL; @default data/inspection.db, data/inspection-<PLACE>.db for another place
  DATABASE_PATH: z.string().min(1).optional(),
  // PostgreSQL + PostGIS instead of the SQLite file: postgres://user:password@host:port/database
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, '须为 postgres://用户:密码@主机:端口/数据库')
    .optional(),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(), // absolute base for links behind a reverse proxy, e.g. https://example.gov.cn/inspection
  // where <collection>.geojson files are read on first start; @default geodata, geodata/places/<PLACE> for another place
  GEODATA_DIR: z.string().min(1).optional(),
  DIST_DIR: z.string().min(1).default('dist'), // the built client (vite build)
  // public: anyone may read the map and the OGC API (GDAL/QGIS need no login); authenticated: a
  // session or the display token is needed for every read. Writes always need a session.
  READ_ACCESS: z.enum(['public', 'authenticated']).default('public'),
  ATTACHMENTS_DIR: z.string().min(1).optional(), // photos; default: attachments/ beside the database
  // who may show the pages in a frame (CSP frame-ancestors): 'none', 'self' or origins, space-separated
  FRAME_ANCESTORS: z
    .string()
    .regex(
      /^('none'|'self'|https?:\/\/[\w.:-]+)( ('self'|https?:\/\/[\w.:-]+))*$/,
      "须为 'none'、'self' 或以空格分隔的 https://域名",
    )
    .default("'none'"),
  // event-stream frames to one screen within this many ms leave in one write; 0 writes each at once
  SSE_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(50),
  // each unit's daily 催办 digest (今日到期、已逾期、新交办), Beijing time HH:MM; off: none
  DIGEST_TIME: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, '须为北京时间 HH:MM（如 08:30）或 off')
    .default('08:30'),
  // tests and demos only: the server's clock reads this instant at start and runs on from it, so a
  // deadline can pass without waiting (npm run e2e:reminders); unset: the system clock
  CLOCK_START: z.iso
    .datetime({ offset: true, error: '须为带时区的 ISO 时刻，如 2026-12-06T09:00:00+08:00' })
    .optional(),
  DEMO_ACCOUNTS: z.enum(['true', 'false']).default('true'), // create the demo accounts in an empty user table
  // origins allowed to read the OGC API cross-origin: *, a comma-separated list, or none
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v) =>
      v.trim() === 'none' ? [] : v.split(',').map((o) => o.trim().replace(/\/+$/, '')),
    )
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), {
      message: '应为 *、none 或逗号分隔的来源，如 https://gis.example.gov.cn,http://localhost:5173',
    }),
})

export interface Config {
  port: number
  host: string
  databasePath: string // the store's location: a SQLite path or DATABASE_URL (postgres://…)
  publicBaseUrl?: string
  geodataDir: string
  distDir: string
  readAccess: ReadAccess
  attachmentsDir: string
  demoAccounts: boolean
  frameAncestors?: string // CSP frame-ancestors source list; @default 'none'
  corsOrigins: string[] // ['*'] any origin, [] none; reads of the OGC API only
  sseBatchMs: number // event-stream write coalescing window
  digestAt?: number // minutes after Beijing midnight of the daily digests; undefined: off
  clockStartMs?: number // CLOCK_START: what the clock reads at start (epoch ms); undefined: system clock
}

export type ReadAccess = 'public' | 'authenticated'

/** attachments/ beside the database file; a temporary folder for an in-memory database. */
export function defaultAttachmentsDir(databasePath: string): string {
  const file = databasePath.replace(/^sqlite:\/\//i, '')
  if (file === ':memory:' || file === '')
    return join(tmpdir(), `weishan-attachments-${process.pid}`)
  return join(dirname(file), 'attachments')
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // an empty variable means "not set", as in most shells' `PORT= npm start`
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  )
  const result = configSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) =>
        `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
    )
    throw new ConfigError(`配置无效 (invalid configuration):\n${lines.join('\n')}`)
  }
  const c = result.data
  // another place than the default keeps its own database file and its own layers
  const otherPlace = c.PLACE !== undefined && c.PLACE !== defaultPlaceCode() ? c.PLACE : undefined
  const databasePath =
    c.DATABASE_PATH ?? (otherPlace ? `data/inspection-${otherPlace}.db` : 'data/inspection.db')
  return {
    port: c.PORT,
    host: c.HOST,
    databasePath: c.DATABASE_URL ?? databasePath, // openStore picks the store by scheme
    publicBaseUrl: c.PUBLIC_BASE_URL,
    geodataDir: c.GEODATA_DIR ?? (otherPlace ? `geodata/places/${otherPlace}` : 'geodata'),
    distDir: c.DIST_DIR,
    readAccess: c.READ_ACCESS,
    attachmentsDir:
      c.ATTACHMENTS_DIR ??
      (otherPlace && !c.DATABASE_PATH
        ? `data/attachments-${otherPlace}` // never mixed with the default place's photos
        : defaultAttachmentsDir(databasePath)),
    demoAccounts: c.DEMO_ACCOUNTS === 'true',
    frameAncestors: c.FRAME_ANCESTORS,
    corsOrigins: c.CORS_ORIGINS,
    sseBatchMs: c.SSE_BATCH_MS,
    ...(c.DIGEST_TIME === 'off' ? {} : { digestAt: parseDigestTime(c.DIGEST_TIME) as number }),
    ...(c.CLOCK_START === undefined ? {} : { clockStartMs: Date.parse(c.CLOCK_START) }),
  }
}
