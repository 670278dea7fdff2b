import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { mulberry32 } from '../builders.ts'
import { cpuSeconds, startServer, stopServer } from './server-process.ts'

const short = process.argv.includes('--short')
const settings = {
  seconds: short ? 3 : 10, // timed load per setup, after 1 s of warm-up
  connections: 8, // concurrent keep-alive connections
  halfSizeDeg: 0.02, // bbox half side around a random demo issue (≈4 km square)
  seed: 20261204,
}

const wallPaths = [
  '/api/stats/kpis',
  '/api/stats/townships',
  '/api/stats/trend',
  '/api/stats/rankings',
  '/api/events/recent?limit=50',
]

async function load(url: string, pid: number, seconds: number, kind: 'items' | 'wall') {
  const demo = JSON.parse(readFileSync('geodata/issues.geojson', 'utf8')) as {
    features: { geometry: { coordinates: [number, number] } }[]
  }
  const centres = demo.features.map((f) => f.geometry.coordinates)
  const random = mulberry32(settings.seed)
  const agent = new Agent({ keepAlive: true, maxSockets: settings.connections })
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      request(`${url}${path}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${res.statusCode} ${path}`))
        res.resume()
        res.on('end', resolve)
      })
        .on('error', reject)
        .end()
    })
  let turn = 0
  const path = () => {
    if (kind === 'wall') return wallPaths[turn++ % wallPaths.length] as string
    const [x, y] = centres[Math.floor(random() * centres.length)] as [number, number]
    const h = settings.halfSizeDeg
    return `/collections/issues/items?bbox=${x - h},${y - h},${x + h},${y + h}&limit=1000`
  }
  const run = async (ms: number) => {
    let count = 0
    const until = performance.now() + ms
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        while (performance.now() < until) {
          await get(path())
          count++
        }
      }),
    )
    return count
  }
  await run(1000) // warm-up: JIT, page cache, connections
  const cpuBefore = cpuSeconds(pid)
  const started = performance.now()
  const requests = await run(seconds * 1000)
  const elapsed = (performance.now() - started) / 1000
  const cpu = cpuSeconds(pid) - cpuBefore
  agent.destroy()
  return {
    requestsPerSecond: requests / elapsed,
    cpuMsPerRequest: (cpu * 1000) / requests,
    machinePercent: (cpu / elapsed / cpus().length) * 100,
  }
}

const dir = mkdtempSync(join(tmpdir(), 'items-processes-'))
try {
  const env = { DATABASE_PATH: join(dir, 'bench.db'), DIST_DIR: join(dir, 'no-dist') }
  const rows: string[] = []
  const setups: { name: string; script: string; env: Record<string, string>; listening: number }[] =
    [
      { name: '`npm start` (1 process)', script: 'server/main.ts', env: {}, listening: 1 },
      {
        name: '`npm run start:cluster`, WORKERS=2',
        script: 'server/cluster.ts',
        env: { WORKERS: '2' },
        listening: 2,
      },
    ]
  for (const setup of setups) {
    const { child, url } = await startServer(
      setup.script,
      { ...env, ...setup.env },
      setup.listening,
    )
    try {
      for (const kind of ['items', 'wall'] as const) {
        const r = await load(url, child.pid as number, settings.seconds, kind)
        rows.push(
          `| ${kind} | ${setup.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.cpuMsPerRequest.toFixed(2)} | ${r.machinePercent.toFixed(0)} % |`,
        )
      }
    } finally {
      await stopServer(child)
    }
  }
  console.log(
    `\nitems: bbox ≈4 km, limit=1000; wall: ${wallPaths.length} endpoints in turn; ` +
      `${settings.connections} connections, ${settings.seconds} s each; ` +
      `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ` +
      `load average before ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  )
  console.log('| load | server | requests/s | server CPU ms per request | machine CPU used |')
  console.log('|---|---|---:|---:|---:|')
  for (const row of rows) console.log(row)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
