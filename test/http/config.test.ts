import { describe, expect, test } from 'vitest'
import { clockFrom } from '../../server/config/clock.ts'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('configuration from the environment', () => {
  test('defaults: port 8080 on every interface, data/inspection.db, geodata/, dist/, public reads', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databasePath: 'data/inspection.db',
      publicBaseUrl: undefined,
      geodataDir: 'geodata',
      distDir: 'dist',
      readAccess: 'public',
      attachmentsDir: 'data/attachments', // beside the database
      demoAccounts: true,
      frameAncestors: "'none'",
      corsOrigins: ['*'], // the OGC API reads are public by default
      sseBatchMs: 50,
      digestAt: 8 * 60 + 30, // 08:30 Beijing time
    })
  })

  test('every variable overrides its default; an empty one counts as unset', () => {
    expect(
      loadConfig({
        PORT: '9090',
        HOST: '127.0.0.1',
        DATABASE_PATH: 'sqlite:///var/lib/weishan.db',
        PUBLIC_BASE_URL: 'https://example.gov.cn/inspection/',
        GEODATA_DIR: '/srv/geodata',
        DIST_DIR: '',
        READ_ACCESS: 'authenticated',
        DEMO_ACCOUNTS: 'false',
        FRAME_ANCESTORS: "'self' https://screen.example.cn",
        SSE_BATCH_MS: '0',
        DIGEST_TIME: '07:45',
      }),
    ).toEqual({
      port: 9090,
      host: '127.0.0.1',
      databasePath: 'sqlite:///var/lib/weishan.db',
      publicBaseUrl: 'https://example.gov.cn/inspection', // trailing slash dropped
      geodataDir: '/srv/geodata',
      distDir: 'dist',
      readAccess: 'authenticated',
      attachmentsDir: '/var/lib/attachments', // beside the database, the sqlite:// taken off
      demoAccounts: false,
      frameAncestors: "'self' https://screen.example.cn",
      corsOrigins: ['*'],
      sseBatchMs: 0,
      digestAt: 7 * 60 + 45,
    })
  })

  test('DIGEST_TIME defaults to 08:30 Beijing time; off turns the daily digests off', () => {
    expect(loadConfig({}).digestAt).toBe(8 * 60 + 30)
    expect(loadConfig({ DIGEST_TIME: 'off' })).not.toHaveProperty('digestAt')
  })

  test('CLOCK_START (an ISO instant with its zone) is what the clock reads at start; unset: none', () => {
    expect(loadConfig({ CLOCK_START: '2026-12-06T09:00:00+08:00' }).clockStartMs).toBe(
      Date.parse('2026-12-06T01:00:00Z'),
    )
    expect(loadConfig({})).not.toHaveProperty('clockStartMs')
  })

  test('DATABASE_URL selects PostGIS over DATABASE_PATH; photos stay beside DATABASE_PATH', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://weishan@db.example.cn:5432/weishan' })
    expect(config.databasePath).toBe('postgres://weishan@db.example.cn:5432/weishan')
    expect(config.attachmentsDir).toBe('data/attachments')
  })

  test('another PLACE keeps its own database file and layers; the default place keeps the old ones', () => {
    expect(loadConfig({ PLACE: '411082' })).toMatchObject({
      databasePath: 'data/inspection-411082.db',
      geodataDir: 'geodata/places/411082',
      attachmentsDir: 'data/attachments-411082',
    })
    expect(loadConfig({ PLACE: '532927' })).toMatchObject({
      databasePath: 'data/inspection.db',
      geodataDir: 'geodata',
    })
    expect(loadConfig({ PLACE: '411082', DATABASE_PATH: 'x.db' }).databasePath).toBe('x.db')
    expect(() => loadConfig({ PLACE: '4110' })).toThrow(/PLACE="4110": 须为 6 位区划代码/)
  })

  test('ATTACHMENTS_DIR overrides the folder beside the database', () => {
    expect(loadConfig({ ATTACHMENTS_DIR: '/srv/photos' }).attachmentsDir).toBe('/srv/photos')
  })

  test.each([
    [{ PORT: '80a' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PUBLIC_BASE_URL: 'example.gov.cn' }, 'PUBLIC_BASE_URL'],
    [{ PUBLIC_BASE_URL: 'ftp://example.gov.cn' }, 'PUBLIC_BASE_URL'],
    [{ READ_ACCESS: 'private' }, 'READ_ACCESS'],
    [{ DEMO_ACCOUNTS: 'yes' }, 'DEMO_ACCOUNTS'],
    [{ DATABASE_URL: 'mysql://localhost/weishan' }, 'DATABASE_URL'],
    [{ SSE_BATCH_MS: '5000' }, 'SSE_BATCH_MS'],
    [{ DIGEST_TIME: '8:30' }, 'DIGEST_TIME'],
    [{ DIGEST_TIME: '24:00' }, 'DIGEST_TIME'],
    [{ FRAME_ANCESTORS: 'evil.example; script-src *' }, 'FRAME_ANCESTORS'],
    [{ CLOCK_START: '2026-12-06 09:00' }, 'CLOCK_START'],
    [{ CLOCK_START: '2026-12-06T09:00:00' }, 'CLOCK_START'], // no zone: whose 09:00?
  ])('%j fails fast naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(name)
  })
})

describe('the server clock', () => {
  test('without CLOCK_START it is the system clock', () => {
    let system = 1_000
    const now = clockFrom(undefined, () => system)
    system = 5_000
    expect(now().getTime()).toBe(5_000)
  })

  test('with CLOCK_START it reads that instant at start and runs on at the system pace', () => {
    let system = Date.parse('2026-12-05T23:00:00Z')
    const now = clockFrom(Date.parse('2026-12-08T01:00:00Z'), () => system)
    expect(now().toISOString()).toBe('2026-12-08T01:00:00.000Z')
    system += 90_000
    expect(now().toISOString()).toBe('2026-12-08T01:01:30.000Z')
  })
})
