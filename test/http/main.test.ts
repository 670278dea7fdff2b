// server/main.ts as a process: first start loads the data, the URL is logged, SIGTERM stops it
// cleanly, and a busy port or bad configuration fails with a clear message.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { buildCheckpoint, buildIssue } from '../builders.ts'

const dir = mkdtempSync(join(tmpdir(), 'weishan-main-'))
const geodata = join(dir, 'geodata')
const write = (id: string, features: unknown[]) =>
  writeFileSync(
    join(geodata, `${id}.geojson`),
    JSON.stringify({ type: 'FeatureCollection', features }),
  )
mkdirSync(geodata, { recursive: true })
// base maps the start must refuse: a GCJ-02 tile service, and an archive that is not there
const gcjBaseMaps = join(dir, 'gcj-base-maps.json')
writeFileSync(
  gcjBaseMaps,
  JSON.stringify({
    baseMaps: [
      {
        id: 'gcj',
        name: '某 GCJ-02 影像',
        type: 'raster',
        crs: 'gcj02',
        url: 'https://tiles.example.cn/{z}/{x}/{y}.png',
        attribution: '示例',
      },
    ],
  }),
)
const missingArchive = join(dir, 'missing-archive.json')
writeFileSync(
  missingArchive,
  JSON.stringify({
    baseMaps: [{ id: 'own', name: '县自有底图', file: 'gone.mbtiles', attribution: '县' }],
  }),
)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startMain(env: Record<string, string>): Run {
  // node --import tsx runs main.ts in this one process, so signals reach the server itself
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', DIST_DIR: join(dir, 'no-dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitFor(run: Run, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = pattern.exec(run.output())
    if (match) return match
    await new Promise((r) => setTimeout(r, 50))
  }
  run.child.kill('SIGKILL')
  throw new Error(`no ${pattern} in output:\n${run.output()}`)
}

describe('server/main.ts', () => {
  test('first start loads the geodata, logs the URL, serves it; SIGTERM exits 0; a restart keeps the data', async () => {
    write('issues', [buildIssue({ id: 'i1' }), buildIssue({ id: 'i2' })])
    write('checkpoints', [buildCheckpoint({ id: 'c1' })])
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'db', 'inspection.db'),
      GEODATA_DIR: geodata,
    }

    const first = startMain(env)
    const [, url] = await waitFor(first, /已启动：(http:\/\/\S+)\//)
    expect(first.output()).toMatch(/首次启动：.*2 个图层、3 个要素/)
    expect(first.output()).toContain('county.geojson') // missing files are named
    const page = await (
      await fetch(`${url?.replace('localhost', '127.0.0.1')}/collections/issues/items`)
    ).json()
    expect(page.numberMatched).toBe(2)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = startMain(env)
    await waitFor(second, /已启动：/)
    expect(second.output()).not.toContain('首次启动')
    second.child.kill('SIGINT')
    expect(await second.exited).toBe(0)
  })

  test('a port in use fails with EADDRINUSE and a hint', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const run = startMain({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: ':memory:',
      GEODATA_DIR: geodata,
    })
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain('EADDRINUSE')
    expect(run.output()).toContain('PORT=')
    blocker.close()
  })

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [
      { DATABASE_URL: 'postgres://127.0.0.1:1/weishan' },
      '无法连接 PostgreSQL 数据库 127.0.0.1:1（ECONNREFUSED）',
    ],
    [
      { BASE_MAPS_FILE: gcjBaseMaps },
      'baseMaps[0].crs: 底图“某 GCJ-02 影像”为 gcj02。GCJ-02（火星坐标）底图',
    ],
    [{ BASE_MAPS_FILE: missingArchive }, `无法打开底图文件 ${join(dir, 'gone.mbtiles')}`],
  ])('bad configuration %j stops the start with a message naming %s', async (env, named) => {
    const run = startMain({
      DATABASE_PATH: ':memory:',
      GEODATA_DIR: geodata,
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    })
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain(named)
  })
})
