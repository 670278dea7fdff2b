// The GIS analysts' way in (migration 009 + npm run db:reader): a read-only login reads the gis views,
// with typed geometry that GDAL (so QGIS) opens, and can neither write nor read the tables behind
// them. Skipped without TEST_DATABASE_URL (npm run test:postgis sets one up).
import { spawnSync } from 'node:child_process'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prepareStore } from '../../server/prepare-store.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from './postgis-database.ts'

const reader = `gis_test_${process.pid}`
const password = 'reader-password-1'
const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0

function dbReader(url: string, name: string, stdin: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli/db-reader.ts', '--name', name, '--url', url],
    { input: `${stdin}\n`, encoding: 'utf8', timeout: 60_000 },
  )
}

describe.skipIf(!testDatabaseUrl)('GIS views and the read-only role', () => {
  let database: TestDatabase
  let asReader: postgres.Sql
  let asOwner: postgres.Sql
  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseUrl as string, 'gis')
    const store = await database.openEmpty()
    await prepareStore(store, { geodataDir: 'geodata', demoAccounts: false })
    await store.close()
    const made = dbReader(database.url, reader, password)
    if (made.status !== 0) throw new Error(made.stderr)
    const url = new URL(database.url)
    url.username = reader
    url.password = password
    asReader = postgres(url.toString(), { max: 1, onnotice: () => {} })
    asOwner = postgres(database.url, { max: 1, onnotice: () => {} })
  }, 120_000)
  afterAll(async () => {
    await asReader?.end()
    await asOwner?.unsafe(`DROP OWNED BY ${reader}; DROP ROLE IF EXISTS ${reader}`)
    await asOwner?.end()
    await database?.drop()
  })

  test('the reader sees the open issues, and per grid and per township counts that add up', async () => {
    const [open] = await asOwner`SELECT count(*)::int AS n FROM features
                                 WHERE collection = 'issues' AND status <> 'closed'`
    const [seen] = await asReader`SELECT count(*)::int AS n FROM issues_open`
    expect(seen?.n).toBe(open?.n)
    expect(open?.n).toBeGreaterThan(0)
    const [all] = await asOwner`SELECT count(*)::int AS n FROM features WHERE collection = 'issues'`
    const [byTownship] = await asReader`SELECT sum(issues)::int AS n, sum(open)::int AS open
                                        FROM issues_by_township`
    expect(byTownship).toEqual({ n: all?.n, open: open?.n })
    const [byGrid] =
      await asReader`SELECT count(*)::int AS grids, sum(issues)::int AS n FROM issues_by_grid`
    expect(byGrid?.grids).toBeGreaterThan(0)
    expect(byGrid?.n).toBeGreaterThan(0)
  })

  test('every gis view with geometry is registered with its type in EPSG:4326', async () => {
    const rows = await asReader`SELECT f_table_name AS name, type, srid FROM geometry_columns
                                WHERE f_table_schema = 'gis' ORDER BY 1`
    expect(rows.map((r) => `${r.name} ${r.type} ${r.srid}`)).toEqual([
      'checkpoints POINT 4326',
      'grids MULTIPOLYGON 4326',
      'issues POINT 4326',
      'issues_by_grid MULTIPOLYGON 4326',
      'issues_by_township MULTIPOLYGON 4326',
      'issues_open POINT 4326',
    ])
  })

  test('the reader can write nothing and cannot read the tables (accounts, phones) behind the views', async () => {
    await expect(asReader`UPDATE public.features SET status = 'closed'`).rejects.toThrow(
      /read-only transaction|permission denied/,
    )
    await expect(asReader`CREATE TABLE gis.scratch (a int)`).rejects.toThrow(
      /read-only transaction|permission denied/,
    )
    await expect(asReader`SELECT password_hash FROM public.users`).rejects.toThrow(
      /permission denied/,
    )
    await expect(asReader`SELECT json FROM public.features LIMIT 1`).rejects.toThrow(
      /permission denied/,
    )
    // even with read-only switched off for the session, the privileges refuse the write
    await expect(
      asReader.begin('read write', (tx) => tx`DELETE FROM public.features`),
    ).rejects.toThrow(/permission denied/)
  })

  test('a short password or a bad role name is refused, in Chinese, naming the fix', () => {
    expect(dbReader(database.url, 'gis2', 'short').stderr).toMatch(/密码至少 12 个字符/)
    expect(dbReader(database.url, 'Robert"; DROP', password).stderr).toMatch(/--name 须为小写字母/)
  })

  test.skipIf(!hasOgrinfo)(
    'ogrinfo opens gis.issues_open as the reader and counts its points',
    async () => {
      const [open] = await asOwner`SELECT count(*)::int AS n FROM features
                                 WHERE collection = 'issues' AND status <> 'closed'`
      const url = new URL(database.url)
      const connection = `PG:host=${url.hostname} port=${url.port} dbname=${url.pathname.slice(1)} user=${reader} password=${password}`
      const run = spawnSync('ogrinfo', ['-ro', '-so', connection, 'gis.issues_open'], {
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(run.stderr).toBe('')
      expect(run.stdout).toMatch(/Geometry: Point/)
      expect(run.stdout).toContain(`Feature Count: ${open?.n}`)
    },
  )
})
