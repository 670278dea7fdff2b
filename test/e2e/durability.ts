// e2e durability: writers against a real server process that is killed with SIGKILL at random
// moments and restarted on the same database file. Afterwards, read straight from the file: every
// write the server acknowledged (a report answered 201, a note answered 201) is there, and every
// issue's event history replays to its stored state (domain/issue.ts `replay`).
// Run: `npm run e2e:durability` (25 kills); `-- --short` (CI): 5.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { replay } from '../../server/domain/issue.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import {
  createRun,
  freePort,
  demoPassword as password,
  type ServerHandle,
  startServer,
} from './harness.ts'

const short = process.argv.includes('--short')
const kills = short ? 5 : 25
const writers = 4
const seat: [number, number] = [100.30603, 25.230114] // 南诏镇, inside the county

const e2e = createRun()
const { log, check } = e2e

/** A deterministic stream of pauses (ms) so that a failing run can be repeated. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1_103_515_245 + 12_345) >>> 0
    return s / 2 ** 32
  }
}

interface Acknowledged {
  reports: Map<string, string> // issue id → description
  notes: Map<string, string[]> // issue id → notes
}

async function signIn(base: string): Promise<string> {
  const reply = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    body: JSON.stringify({ username: 'inspector', password }),
  })
  if (reply.status !== 200) throw new Error(`sign-in: ${reply.status}`)
  return (reply.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
}

/** Writes until the server goes away; records only what it acknowledged. */
async function write(
  base: string,
  cookie: string,
  writer: number,
  done: Acknowledged,
  counter: { n: number },
): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-requested-with': 'fetch', cookie }
  for (;;) {
    const n = counter.n++
    const ids = [...done.reports.keys()]
    const noteOn = n % 3 === 2 && ids.length ? ids[n % ids.length] : undefined
    try {
      if (noteOn) {
        const note = `第 ${writer} 路复核记录 ${n}`
        const reply = await fetch(`${base}/api/issues/${noteOn}/notes`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ note }),
        })
        if (reply.status === 201) done.notes.set(noteOn, [...(done.notes.get(noteOn) ?? []), note])
      } else {
        const description = `耐久性检查 第 ${writer} 路 第 ${n} 条`
        const reply = await fetch(`${base}/api/issues`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ lngLat: seat, category: 'graffiti', description }),
        })
        if (reply.status === 201)
          done.reports.set(((await reply.json()) as { id: string }).id, description)
      }
    } catch {
      return // connection refused or reset: the server was killed
    }
  }
}

async function run(): Promise<void> {
  const tempDir = await mkdtemp(path.join(tmpdir(), 'inspection-durability-'))
  e2e.tempDir = tempDir
  const databasePath = path.join(tempDir, 'inspection.db')
  const port = await freePort()
  const random = seeded(20_261_205)
  const done: Acknowledged = { reports: new Map(), notes: new Map() }
  const counter = { n: 0 }
  let cookie = ''
  for (let cycle = 1; cycle <= kills; cycle++) {
    const server: ServerHandle = await startServer(port, databasePath, {}, 'SIGKILL')
    e2e.server = server
    if (!cookie) cookie = await signIn(server.base) // the session is in the file: it outlives kills
    const running = Array.from({ length: writers }, (_, w) =>
      write(server.base, cookie, w + 1, done, counter),
    )
    await new Promise((r) => setTimeout(r, 300 + random() * 1500))
    server.stop() // SIGKILL, mid-write
    await Promise.all(running)
    log(
      `kill ${cycle}/${kills}: ${done.reports.size} reports, ${[...done.notes.values()].flat().length} notes acknowledged so far`,
    )
  }
  e2e.server = undefined

  const store = await openSqliteStore(databasePath)
  try {
    let missing = 0
    for (const [id, description] of done.reports) {
      const state = await store.issue(id)
      if (state?.properties.description !== description) missing++
    }
    check(missing === 0, `${missing} of ${done.reports.size} acknowledged reports are missing`)
    let lostNotes = 0
    for (const [id, notes] of done.notes) {
      const stored = new Set((await store.issueEvents(id)).map((e) => e.note))
      lostNotes += notes.filter((n) => !stored.has(n)).length
    }
    const noteCount = [...done.notes.values()].flat().length
    check(lostNotes === 0, `${lostNotes} of ${noteCount} acknowledged notes are missing`)
    let broken = 0
    const all = await store.listIssues({
      sort: { key: 'reportedAt', descending: false },
      limit: 1_000_000,
      offset: 0,
      now: new Date(),
    })
    for (const state of all.items) {
      if (JSON.stringify(replay(await store.issueEvents(state.id))) !== JSON.stringify(state))
        broken++
    }
    check(
      broken === 0,
      `${broken} of ${all.items.length} issues do not replay to their stored state`,
    )
    check(done.reports.size > kills, `too few writes to say anything (${done.reports.size})`)
    log(
      `${kills} SIGKILLs: ${done.reports.size} reports and ${noteCount} notes acknowledged, all present; ${all.items.length} histories replay`,
    )
  } finally {
    await store.close()
  }
}

await e2e.finish('durability', run)
