// npm run start:cluster under load: two workers on one port; each original worker is killed in turn
// (SIGKILL, mid-write) while writers run. The primary replaces it, no acknowledged write is lost,
// and a wall's event stream, reconnecting with Last-Event-ID as EventSource does, misses no event
// and repeats none.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { issueRows, type ServerProcess, signIn, startServer } from './server-process.ts'

const dir = mkdtempSync(join(tmpdir(), 'cluster-'))
const databasePath = join(dir, 'cluster.db')
let cluster: ServerProcess

beforeAll(async () => {
  const env = { DATABASE_PATH: databasePath, WORKERS: '2' }
  cluster = await startServer('server/cluster.ts', env, 2)
}, 120_000)

afterAll(async () => {
  await cluster.stop()
  rmSync(dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function pidsAnswering(url: string, tries = 8): Promise<Set<number>> {
  const pids = new Set<number>()
  for (let i = 0; i < tries; i++) {
    // a new connection each time, so the primary hands it to the next worker
    try {
      const reply = await fetch(`${url}/healthz`, {
        headers: { connection: 'close' },
        signal: AbortSignal.timeout(5000),
      })
      pids.add(((await reply.json()) as { pid: number }).pid)
    } catch {
      // a connection handed to a worker as it died is reset; the next one goes to a live worker
    }
  }
  return pids
}

/** A wall's stream as EventSource keeps it: on end or error, reconnect with Last-Event-ID. */
function wall(url: string, cookie: string) {
  const seqs: number[] = []
  const reports = new Set<string>()
  let lastEventId: string | undefined
  let connections = 0
  let stopped = false
  const controller = new AbortController()
  void (async () => {
    while (!stopped) {
      try {
        const headers: Record<string, string> = { cookie, accept: 'text/event-stream' }
        if (lastEventId) headers['last-event-id'] = lastEventId
        const res = await fetch(`${url}/api/events/stream`, { headers, signal: controller.signal })
        connections++
        const decoder = new TextDecoder()
        let buffer = ''
        for await (const chunk of res.body ?? []) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true })
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const frame = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const id = /^id: (\d+)$/m.exec(frame)?.[1]
            if (/^event: reset$/m.test(frame)) throw new Error(`reset after ${lastEventId}`)
            if (id) lastEventId = id // as EventSource: an id-only frame sets it too
            const data = /^data: (.*)$/m.exec(frame)?.[1]
            if (!id || !data) continue
            const event = JSON.parse(data) as { seq: number; issueId: string; action: string }
            seqs.push(event.seq)
            if (event.action === 'report') reports.add(event.issueId)
          }
        }
      } catch (err) {
        if (String(err).includes('reset')) throw err
      }
      if (!stopped) await sleep(200) // EventSource waits `retry`; shorter here
    }
  })()
  return {
    seqs,
    reports,
    connections: () => connections,
    stop: () => {
      stopped = true
      controller.abort()
    },
  }
}

test('killing each worker under load loses no acknowledged write and no streamed event', async () => {
  const { url } = cluster
  const original = await pidsAnswering(url)
  expect(original.size).toBe(2)
  const caller = await signIn(url, 'inspector')
  const walls = [wall(url, caller.cookie), wall(url, caller.cookie)]
  const seed = await caller.call('/collections/issues/items?limit=100')
  const places = (seed.body.features as { geometry: { coordinates: [number, number] } }[]).map(
    (f) => f.geometry.coordinates,
  )

  const acknowledged: string[] = []
  const failed: string[] = [] // connections cut by a kill: not acknowledged, so nothing promised
  let writing = true
  const writer = async (w: number) => {
    for (let i = w; writing; i += 3) {
      try {
        const reply = await caller.call('/api/issues', {
          lngLat: places[i % places.length],
          category: 'exposed-garbage',
          description: `集群写入测试 ${i}`,
        })
        if (reply.status === 201) acknowledged.push(reply.body.id)
        else failed.push(`${reply.status}`)
      } catch (err) {
        failed.push(String(err))
      }
    }
  }
  const writers = [0, 1, 2].map(writer)
  for (const pid of original) {
    const before = acknowledged.length
    while (acknowledged.length < before + 5) await sleep(100) // under load
    process.kill(pid, 'SIGKILL')
    // the primary forks a replacement: wait until a new pid answers
    const deadline = Date.now() + 90_000 // a loaded machine starts a worker slowly
    let answering = await pidsAnswering(url)
    while (answering.size < 2 || [...answering].some((p) => p === pid)) {
      if (Date.now() > deadline) throw new Error(`no replacement for ${pid}:\n${cluster.output()}`)
      await sleep(200)
      answering = await pidsAnswering(url, 4)
    }
  }
  await sleep(1000)
  writing = false
  await Promise.all(writers)
  await sleep(1500) // the last events reach the streams
  for (const w of walls) w.stop()

  const now = await pidsAnswering(url)
  expect([...now].filter((p) => original.has(p))).toEqual([])
  expect(acknowledged.length).toBeGreaterThan(10)
  for (const id of acknowledged) expect((await caller.call(`/api/issues/${id}`)).status).toBe(200)
  const rows = issueRows(databasePath)
  expect((await caller.call('/collections/issues/items?limit=1')).body.numberMatched).toBe(rows)
  for (const w of walls) {
    expect(w.connections()).toBeGreaterThan(1) // each stream's worker died at some point
    expect(w.seqs).toEqual([...w.seqs].sort((x, y) => x - y)) // in order …
    expect(new Set(w.seqs).size).toBe(w.seqs.length) // … and none twice
    expect(acknowledged.filter((id) => !w.reports.has(id))).toEqual([]) // none missed
  }
  console.log(
    `cluster: ${acknowledged.length} writes acknowledged, ${failed.length} cut by the kills, ` +
      `stream connections ${walls.map((w) => w.connections()).join(' and ')}`,
  )
}, 300_000)
