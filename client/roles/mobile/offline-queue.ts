// The phone's offline queue: reports, notes, photos and 整改上报 made without a network wait here
// (IndexedDB, see queue-storage.ts) and are sent in order when the network returns. Each HTTP step
// carries its own Idempotency-Key derived from the job, so sending a job again after an interruption
// replays the steps already done instead of running them twice. No DOM, no IndexedDB: both injected.
import type { IssueStatus } from '../../../server/domain/issue.ts'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import type { NewIssue } from '../../features/issues/api.ts'
import { ApiError } from '../../lib/api-client.ts'

export const jobStates = ['waiting', 'sending', 'sent', 'failed'] as const
export type JobState = (typeof jobStates)[number]
export const jobStateLabels: Record<JobState, string> = {
  waiting: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '需处理',
}

/** How a queued write reads in 待发送: what it is and the 问题编号 it concerns. */
export function jobTitle(w: JobWrite): string {
  const photos = w.photos.length ? ` · 照片 ${w.photos.length} 张` : ''
  switch (w.kind) {
    case 'report':
      return `上报：${issueCategoryLabels[w.issue.category]}${photos}`
    case 'note':
      return `补充备注：${issueLabel({ id: w.issueId, issueNo: w.issueNo })}${photos}`
    case 'rectify':
      return `整改上报：${issueLabel({ id: w.issueId, issueNo: w.issueNo })}${photos}`
  }
}

export type JobWrite =
  | { kind: 'report'; issue: NewIssue; photos: Blob[] }
  | { kind: 'note'; issueId: string; issueNo?: string; note: string; photos: Blob[] }
  | {
      kind: 'rectify'
      issueId: string
      issueNo?: string // 问题编号, what the queue shows; absent in jobs queued before numbers
      version: number
      note: string
      photos: Blob[]
    }

export interface Job {
  id: string // also the stem of every Idempotency-Key the job sends
  createdAt: string
  write: JobWrite
  state: JobState
  revision: number // raised when a transition is re-applied on a newer version (a new request)
  message?: string // why it waits or needs attention, in Chinese
  conflict?: { version: number; status?: IssueStatus } // the issue as the server has it now
  issueId?: string // the issue written, once sent
}

export interface JobStorage {
  all(): Promise<Job[]>
  put(job: Job): Promise<void>
  remove(id: string): Promise<void>
}

/** The API calls a job makes; `key` is the Idempotency-Key. */
export interface JobApi {
  createIssue(issue: NewIssue, key: string): Promise<{ id: string }>
  uploadAttachment(issueId: string, photo: Blob, key: string): Promise<{ id: string }>
  addNote(issueId: string, note: string, attachmentIds: string[], key: string): Promise<unknown>
  rectify(
    issueId: string,
    body: { version: number; note: string; attachmentIds: string[] },
    key: string,
  ): Promise<unknown>
}

/** A job id usable in an Idempotency-Key; crypto.randomUUID needs a secure context, this does not. */
export function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `m-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

export function newJob(write: JobWrite, now: Date, id = newJobId()): Job {
  return { id, createdAt: now.toISOString(), write, state: 'waiting', revision: 0 }
}

/** Sends one job's steps; returns the issue written. Throws what the API throws. */
export async function sendJob(job: Job, api: JobApi): Promise<string> {
  const { write } = job
  const photosOf = async (issueId: string) => {
    const ids: string[] = []
    for (const [i, photo] of write.photos.entries()) {
      ids.push((await api.uploadAttachment(issueId, photo, `${job.id}.photo-${i}`)).id)
    }
    return ids
  }
  switch (write.kind) {
    case 'report': {
      const { id } = await api.createIssue(write.issue, `${job.id}.report`)
      await photosOf(id)
      return id
    }
    case 'note': {
      await api.addNote(write.issueId, write.note, await photosOf(write.issueId), `${job.id}.note`)
      return write.issueId
    }
    case 'rectify': {
      const attachmentIds = await photosOf(write.issueId)
      await api.rectify(
        write.issueId,
        { version: write.version, note: write.note, attachmentIds },
        `${job.id}.rectify-${job.revision}`,
      )
      return write.issueId
    }
  }
}

/** No answer at all (offline, server unreachable): the job waits for the network. */
export function isNetworkFailure(error: unknown): boolean {
  return !(error instanceof ApiError && error.status)
}

/** The job after a failed attempt: waiting again (network, sign-in) or needing the user (refused). */
export function afterFailure(job: Job, error: unknown): Job {
  const { conflict: _gone, ...rest } = job
  if (isNetworkFailure(error))
    return { ...rest, state: 'waiting', message: '网络未连接，恢复后自动发送' }
  const e = error as ApiError
  if (e.status === 401) {
    return { ...rest, state: 'waiting', message: '登录已过期：重新登录后自动发送' }
  }
  if (e.status === 409 && job.write.kind === 'rectify') {
    const current = e.problem?.current as { version?: number; status?: IssueStatus } | undefined
    return {
      ...rest,
      state: 'failed',
      message: `离线期间此问题已被他人更新，整改上报未提交。${e.message}`,
      conflict: {
        version: current?.version ?? job.write.version,
        ...(current?.status ? { status: current.status } : {}),
      },
    }
  }
  return { ...rest, state: 'failed', message: e.message }
}

/** The queue: jobs kept in `storage`, sent one at a time in the order they were made. */
export class OfflineQueue {
  private readonly storage: JobStorage
  private readonly api: JobApi
  private readonly listeners = new Set<(jobs: readonly Job[]) => void>()
  private jobs: Job[] = []
  private running: Promise<void> | undefined

  constructor(storage: JobStorage, api: JobApi) {
    this.storage = storage
    this.api = api
  }

  subscribe(listener: (jobs: readonly Job[]) => void): () => void {
    this.listeners.add(listener)
    listener(this.jobs)
    return () => this.listeners.delete(listener)
  }

  async load(): Promise<readonly Job[]> {
    this.jobs = (await this.storage.all()).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    this.emit()
    return this.jobs
  }

  async add(job: Job): Promise<void> {
    await this.save(job)
  }

  /** Sends every waiting job (and any left 发送中 by a closed app); stops at the first network failure. */
  flush(): Promise<void> {
    this.running ??= this.sendAll().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  /** 需处理 → 待发送 on the version the server has now (a new request, so a new key). */
  async reapply(id: string): Promise<void> {
    const job = this.jobs.find((j) => j.id === id)
    if (job?.write.kind !== 'rectify' || !job.conflict) return
    const { conflict, message: _m, ...rest } = job
    await this.save({
      ...rest,
      write: { ...job.write, version: conflict.version },
      revision: job.revision + 1,
      state: 'waiting',
    })
  }

  async discard(id: string): Promise<void> {
    await this.storage.remove(id)
    this.jobs = this.jobs.filter((j) => j.id !== id)
    this.emit()
  }

  async clearSent(): Promise<void> {
    for (const job of this.jobs.filter((j) => j.state === 'sent')) await this.discard(job.id)
  }

  private async sendAll(): Promise<void> {
    for (const queued of [...this.jobs]) {
      const job = this.jobs.find((j) => j.id === queued.id)
      if (!job || (job.state !== 'waiting' && job.state !== 'sending')) continue
      const { message: _m, ...sending } = job
      await this.save({ ...sending, state: 'sending' })
      try {
        const issueId = await sendJob(job, this.api)
        await this.save({ ...sending, state: 'sent', issueId })
      } catch (error) {
        const after = afterFailure(job, error)
        await this.save(after)
        if (after.state === 'waiting') return // no network or no session: the rest would fail too
      }
    }
  }

  private async save(job: Job): Promise<void> {
    await this.storage.put(job)
    const at = this.jobs.findIndex((j) => j.id === job.id)
    this.jobs = at < 0 ? [...this.jobs, job] : this.jobs.with(at, job)
    this.emit()
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.jobs)
  }
}
