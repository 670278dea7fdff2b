// The phone's offline queue with an in-memory storage and an API that remembers Idempotency-Keys as
// the server does: jobs go in order, once each even when sent again; no network keeps them waiting;
// a 整改上报 that meets a newer version needs the user, who may re-apply it (a new key) or discard it.
import { describe, expect, test } from 'vitest'
import { ApiError } from '../../../../client/lib/api-client.ts'
import {
  type Job,
  type JobApi,
  type JobStorage,
  jobTitle,
  newJob,
  OfflineQueue,
} from '../../../../client/roles/mobile/offline-queue.ts'

function memoryStorage(): JobStorage & { jobs: Map<string, Job> } {
  const jobs = new Map<string, Job>()
  return {
    jobs,
    all: async () => [...jobs.values()],
    put: async (job) => void jobs.set(job.id, structuredClone(job)),
    remove: async (id) => void jobs.delete(id),
  }
}

/** A server: runs each Idempotency-Key once, replays it after; `online` and `version` are settable. */
function fakeServer() {
  const answers = new Map<string, unknown>()
  const server = { online: true, version: 1, runs: [] as string[], keys: [] as string[] }
  const once = async <T>(key: string, run: () => T): Promise<T> => {
    if (!server.online) throw new ApiError('无法连接数据服务')
    server.keys.push(key)
    if (answers.has(key)) return answers.get(key) as T
    const answer = run()
    answers.set(key, answer)
    return answer
  }
  let issues = 0
  const api: JobApi = {
    createIssue: (_issue, key) =>
      once(key, () => {
        server.runs.push('report')
        return { id: `issue-${++issues}` }
      }),
    uploadAttachment: (issueId, _photo, key) =>
      once(key, () => {
        server.runs.push(`photo ${issueId}`)
        return { id: `att-${server.runs.length}` }
      }),
    addNote: (issueId, _note, _ids, key) => once(key, () => server.runs.push(`note ${issueId}`)),
    rectify: (issueId, body, key) =>
      once(key, () => {
        if (body.version !== server.version) {
          throw new ApiError('问题已被他人更新', 409, undefined, {
            current: { version: server.version, status: 'reviewing' },
          })
        }
        server.version++
        server.runs.push(`rectify ${issueId}`)
      }),
  }
  return { server, api }
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 2, minute))
const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })
const report = (minute: number) =>
  newJob(
    {
      kind: 'report',
      issue: { lngLat: [100.3, 25.23], category: 'graffiti', description: '墙面小广告' },
      photos: [photo],
    },
    at(minute),
    `m-report-${minute}`,
  )
const rectify = (version: number) =>
  newJob(
    { kind: 'rectify', issueId: 'i-fixing', version, note: '已清理', photos: [] },
    at(30),
    'm-rectify-1',
  )

describe('OfflineQueue', () => {
  test('offline, jobs wait; online, each is sent once and in order, even when flushed twice', async () => {
    const storage = memoryStorage()
    const { server, api } = fakeServer()
    const queue = new OfflineQueue(storage, api)
    server.online = false
    await queue.add(report(2))
    await queue.add(report(1))
    await queue.flush()
    expect([...storage.jobs.values()].map((j) => j.state)).toEqual(['waiting', 'waiting'])
    expect((await queue.load()).map((j) => j.id)).toEqual(['m-report-1', 'm-report-2'])
    server.online = true
    await Promise.all([queue.flush(), queue.flush()])
    await queue.flush()
    expect(server.runs).toEqual(['report', 'photo issue-1', 'report', 'photo issue-2'])
    expect([...storage.jobs.values()].map((j) => [j.id, j.state, j.issueId])).toEqual([
      ['m-report-2', 'sent', 'issue-2'],
      ['m-report-1', 'sent', 'issue-1'],
    ])
  })

  test('a job cut off half-way (发送中 when the app closed) is sent again and its done steps replay', async () => {
    const storage = memoryStorage()
    const { server, api } = fakeServer()
    const job = report(1)
    await api.createIssue(
      job.write.kind === 'report' ? job.write.issue : never(),
      `${job.id}.report`,
    )
    await storage.put({ ...job, state: 'sending' })
    const queue = new OfflineQueue(storage, api)
    await queue.load()
    await queue.flush()
    expect(server.runs).toEqual(['report', 'photo issue-1']) // one issue, not two
    expect(storage.jobs.get(job.id)?.state).toBe('sent')
  })

  test('a rectification that meets a newer version needs the user; re-applied, it goes on the new version', async () => {
    const storage = memoryStorage()
    const { server, api } = fakeServer()
    const queue = new OfflineQueue(storage, api)
    server.version = 2 // someone acted while the phone was offline
    await queue.add(rectify(1))
    await queue.flush()
    const failed = storage.jobs.get('m-rectify-1')
    expect(failed?.state).toBe('failed')
    expect(failed?.message).toMatch(/离线期间此问题已被他人更新/)
    expect(failed?.conflict).toEqual({ version: 2, status: 'reviewing' })
    await queue.reapply('m-rectify-1')
    await queue.flush()
    expect(storage.jobs.get('m-rectify-1')?.state).toBe('sent')
    expect(server.runs).toEqual(['rectify i-fixing'])
    expect(server.keys).toEqual(['m-rectify-1.rectify-0', 'm-rectify-1.rectify-1'])
  })

  test('a discarded job is gone from the queue and the storage', async () => {
    const storage = memoryStorage()
    const { server, api } = fakeServer()
    const queue = new OfflineQueue(storage, api)
    server.version = 3
    await queue.add(rectify(1))
    await queue.flush()
    await queue.discard('m-rectify-1')
    expect(storage.jobs.size).toBe(0)
    expect(server.runs).toEqual([])
  })
})

describe('jobTitle', () => {
  const photo = new Blob(['x'], { type: 'image/jpeg' })
  test.each([
    [
      { kind: 'note', issueId: 'issue-02601', issueNo: '2026-000123', note: '', photos: [] },
      '补充备注：2026-000123',
    ],
    [
      {
        kind: 'rectify',
        issueId: 'issue-02601',
        issueNo: '2026-000123',
        version: 2,
        note: '',
        photos: [photo],
      },
      '整改上报：2026-000123 · 照片 1 张',
    ],
    // a job queued before numbers existed still says which issue it is
    [{ kind: 'note', issueId: 'issue-02601', note: '', photos: [] }, '补充备注：issue-02601'],
  ] as const)('a queued write reads by its 问题编号: %o → %s', (write, title) => {
    expect(jobTitle({ ...write, photos: [...write.photos] })).toBe(title)
  })
})

function never(): never {
  throw new Error('unreachable')
}
