import { describe, expect, test } from 'vitest'
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
    })
  })

  test('DATABASE_URL selects PostGIS over DATABASE_PATH; photos stay beside DATABASE_PATH', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://weishan@db.example.cn:5432/weishan' })
    expect(config.databasePath).toBe('postgres://weishan@db.example.cn:5432/weishan')
    expect(config.attachmentsDir).toBe('data/attachments')
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
    [{ FRAME_ANCESTORS: 'evil.example; script-src *' }, 'FRAME_ANCESTORS'],
  ])('%j fails fast naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(name)
  })
})
