// The commands as processes: `npm run user` (password from stdin, checks against the store's units
// and grids), `npm run display-token` (rotates), and the first start of server/main.ts seeding the
// demo accounts and printing the display token.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyPassword } from '../../server/auth/password.ts'
import { hashSecret } from '../../server/auth/secrets.ts'
import { findCollection } from '../../server/collections.ts'
import { seedUnits } from '../../server/domain/units.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'

const dir = mkdtempSync(join(tmpdir(), 'weishan-cli-'))
const databasePath = join(dir, 'inspection.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// a store with what the user command checks against: the grids and the units
beforeAll(async () => {
  const store = await openSqliteStore(databasePath)
  const grids = findCollection('grids')
  if (!grids) throw new Error('no grids collection')
  const features = JSON.parse(readFileSync('geodata/grids.geojson', 'utf8')).features
  await store.loadCollections([{ def: grids, features }])
  await store.seedUnits(seedUnits([{ code: '532927101', name: '南诏镇' }]))
  await store.close()
})

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function run(
  script: string,
  args: string[],
  stdin = '',
  env: Record<string, string> = {},
): Promise<Result> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  return collect(child, stdin)
}

function collect(child: ChildProcess, stdin: string): Promise<Result> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString()
  })
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString()
  })
  child.stdin?.end(stdin)
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

describe('npm run user', () => {
  test('create reads the password from stdin and stores a full-cost scrypt hash', async () => {
    const result = await run(
      'server/cli/user.ts',
      [
        'create',
        '--username',
        'wang',
        '--role',
        'unit-operator',
        '--unit',
        'urban-management',
        '--name',
        '王经办',
      ],
      'secret-pass-1\n',
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('已创建用户 wang（王经办，责任单位经办人）')
    const store = await openSqliteStore(databasePath)
    const user = await store.user('wang')
    await store.close()
    expect(user).toMatchObject({ role: 'unit-operator', unitCode: 'urban-management' })
    expect(user?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/)
    expect(await verifyPassword('secret-pass-1', user?.passwordHash ?? '')).toBe(true)
  })

  test.each([
    [['create', '--username', 'li', '--role', 'unit-operator'], '--unit', 'long-enough'],
    [
      ['create', '--username', 'li', '--role', 'grid-manager', '--grids', '532927101999999'],
      '532927101999999',
      'long-enough',
    ],
    [
      ['create', '--username', 'li', '--role', 'grid-member'],
      '网格员须指定 --grids',
      'long-enough',
    ],
    [
      ['create', '--username', 'li', '--role', 'inspector', '--grids', '532927101001001'],
      '只有网格长（grid-manager）和网格员（grid-member）有负责的网格',
      'long-enough',
    ],
    [['create', '--username', 'li', '--role', 'wizard'], '角色', 'long-enough'],
    [['create', '--username', 'li', '--role', 'inspector'], '密码至少 8 位', 'short'],
    [['create', '--username', 'wang', '--role', 'inspector'], '已存在', 'long-enough'],
  ])('%j fails, saying %s', async (args, message, password) => {
    const result = await run('server/cli/user.ts', args, `${password}\n`)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(message)
  })

  test('creates a grid member with their grids', async () => {
    const result = await run(
      'server/cli/user.ts',
      [
        'create',
        '--username',
        'zhao',
        '--role',
        'grid-member',
        '--name',
        '赵网格员',
        '--grids',
        '532927101001001,532927101001002',
      ],
      'secret-pass-2\n',
    )
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('已创建用户 zhao（赵网格员，网格员）')
    const store = await openSqliteStore(databasePath)
    const user = await store.user('zhao')
    await store.close()
    expect(user).toMatchObject({
      role: 'grid-member',
      gridCodes: ['532927101001001', '532927101001002'],
    })
  })

  test('list shows the users', async () => {
    const result = await run('server/cli/user.ts', ['list'])
    expect(result.stdout).toMatch(/^wang\t王经办\t责任单位经办人\turban-management$/m)
    expect(result.stdout).toMatch(/^zhao\t赵网格员\t网格员\t2 个网格$/m)
  })
})

describe('npm run display-token', () => {
  test('prints a new token; only the newest one is valid', async () => {
    const first = (await run('server/cli/display-token.ts', [])).stdout.trim()
    const second = (await run('server/cli/display-token.ts', [])).stdout.trim()
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const store = await openSqliteStore(databasePath)
    expect(await store.hasDisplayToken(hashSecret(second))).toBe(true)
    expect(await store.hasDisplayToken(hashSecret(first))).toBe(false)
    await store.close()
  })
})

describe('first start of server/main.ts', () => {
  test('seeds units and demo accounts, prints the display token once; they work over HTTP', async () => {
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'main', 'inspection.db'),
      DIST_DIR: join(dir, 'no-dist'),
    }
    const start = () =>
      spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    const waitForUrl = (child: ChildProcess) =>
      new Promise<{ url: string; output: string }>((resolve, reject) => {
        let output = ''
        const timer = setTimeout(() => reject(new Error(output)), 90_000) // a loaded CI machine starts slowly
        const onData = (c: Buffer) => {
          output += c.toString()
          const url = /已启动：(http:\/\/\S+)\//.exec(output)?.[1]
          if (url) {
            clearTimeout(timer)
            resolve({ url, output })
          }
        }
        child.stdout?.on('data', onData)
        child.stderr?.on('data', onData)
      })
    const stop = (child: ChildProcess) =>
      new Promise((resolve) => {
        child.on('exit', resolve)
        child.kill('SIGTERM')
      })

    const first = start()
    const { url, output } = await waitForUrl(first)
    try {
      expect(output).toContain('责任单位：新增 19 个')
      expect(output).toContain(
        '已创建演示账号 admin、commander、inspector、unit-um、unit-market、grid-nanzhao、member-nanzhao、planner',
      )
      const token = /大屏只读令牌[^：]*：([A-Za-z0-9_-]{43})/.exec(output)?.[1]
      expect(token).toBeDefined()
      const login = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
        body: JSON.stringify({ username: 'grid-nanzhao', password: 'weishan2026' }),
      })
      expect(login.status).toBe(200)
      const me = await fetch(`${url}/api/session`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect((await me.json()).user.role).toBe('display')
    } finally {
      await stop(first)
    }
    const second = start()
    const again = await waitForUrl(second)
    await stop(second)
    expect(again.output).not.toContain('演示账号')
    expect(again.output).not.toContain('大屏只读令牌')
  }, 240_000) // two real server starts (the first seeds the demo database)
})
