// Parses an upload in a worker thread with its own heap limit and a deadline, so a hostile file
// fails alone: the main thread keeps answering other requests, and a file that needs too much memory
// or time ends its worker, not the server.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { CheckpointImportOptions, CheckpointImportResult } from './checkpoint-import.ts'
import { fileError } from './import-error.ts'
import type {
  CheckpointLayerOptions,
  CheckpointLayerResult,
} from './layer-import/checkpoint-layer.ts'
import type { GridLayerOptions, GridLayerResult } from './layer-import/grid-layer.ts'
import type { TownshipLayerOptions, TownshipLayerResult } from './layer-import/township-layer.ts'
import type { LedgerImportOptions, LedgerImportResult } from './ledger-import.ts'
import type { TableFormat } from './read-table.ts'

/** Each kind of parse job: what it sends the worker, and what comes back. */
interface ParseJobs {
  checkpoints: { job: FileJob<CheckpointImportOptions>; result: CheckpointImportResult }
  ledger: {
    job: { bytes: Uint8Array; format: TableFormat; options: LedgerImportOptions }
    result: LedgerImportResult
  }
  'grid-layer': { job: FileJob<GridLayerOptions>; result: GridLayerResult }
  'township-layer': { job: FileJob<TownshipLayerOptions>; result: TownshipLayerResult }
  'checkpoint-layer': { job: FileJob<CheckpointLayerOptions>; result: CheckpointLayerResult }
}

interface FileJob<Options> {
  bytes: Uint8Array
  fileName: string
  options: Options
}

export type ParseKind = keyof ParseJobs
export type ParseOptions<K extends ParseKind> = ParseJobs[K]['job']['options']
export type ParseResult<K extends ParseKind> = ParseJobs[K]['result']
export type ParseJob = { [K in ParseKind]: { kind: K } & ParseJobs[K]['job'] }[ParseKind]

export const workerLimits = {
  maxOldGenerationSizeMb: 256, // the worker's heap; a legal 5,000-row file needs ~30 MB
  maxYoungGenerationSizeMb: 32,
  deadlineMs: 30_000, // the worker is ended after this
}

// The worker is TypeScript: a small bootstrap registers tsx's loader in the worker (Node 20 does not
// carry the parent's loader hooks into workers), then imports the entry.
const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href // tsx/esm/api, import condition
const entry = new URL('./parse-worker.ts', import.meta.url).href
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`

type Result = ParseResult<ParseKind>

/**
 * One long-lived worker (starting one costs seconds: it loads the parsers), jobs queued one at a
 * time. A job that runs out of heap or time ends the worker; the next job starts a fresh one.
 */
class ParseWorker {
  private worker: Worker | undefined
  private ready: Promise<Worker> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  run(job: ParseJob): Promise<Result> {
    const next = this.queue.then(() => this.runNow(job))
    this.queue = next.catch(() => {})
    return next
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise((resolve, reject) => {
      const worker = new Worker(bootstrap, {
        eval: true,
        resourceLimits: {
          maxOldGenerationSizeMb: workerLimits.maxOldGenerationSizeMb,
          maxYoungGenerationSizeMb: workerLimits.maxYoungGenerationSizeMb,
        },
      })
      worker.unref() // an idle parser never keeps the process alive
      worker.once('message', () => resolve(worker))
      worker.once('error', reject)
      worker.once('exit', () => {
        if (this.worker === worker) this.worker = undefined
        this.ready = undefined
      })
      this.worker = worker
    })
    return this.ready
  }

  private async runNow(job: ParseJob): Promise<Result> {
    const worker = await this.start()
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        fn()
      }
      const refuse = (message: string) => {
        this.ready = undefined
        void worker.terminate()
        done(() => resolve({ errors: [fileError(message)] }))
      }
      const onMessage = (result: Result) => done(() => resolve(result))
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          refuse(
            `文件解析所需内存超过 ${workerLimits.maxOldGenerationSizeMb} MB 上限，已停止；请减少数据量后分批导入`,
          )
        } else done(() => reject(error))
      }
      const onExit = (code: number) =>
        done(() => reject(new Error(`import worker exited with ${code}`)))
      const timer = setTimeout(
        () =>
          refuse(
            `文件解析超过 ${workerLimits.deadlineMs / 1000} 秒，已停止；请减少数据量后分批导入`,
          ),
        workerLimits.deadlineMs,
      )
      worker.on('message', onMessage)
      worker.once('error', onError)
      worker.once('exit', onExit)
      worker.postMessage(job)
    })
  }
}

const shared = new ParseWorker()

export function parseInWorker<K extends ParseKind>(
  job: { kind: K } & ParseJobs[K]['job'],
): Promise<ParseResult<K>> {
  return shared.run(job as ParseJob) as Promise<ParseResult<K>>
}
