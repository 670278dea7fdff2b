// Worker entry: parses uploads off the main thread (see parse-in-worker.ts), one job at a time.
import { parentPort } from 'node:worker_threads'
import { parseCheckpointFile } from './checkpoint-import.ts'
import { parseCheckpointLayer } from './layer-import/checkpoint-layer.ts'
import { parseGridLayer } from './layer-import/grid-layer.ts'
import { parseTownshipLayer } from './layer-import/township-layer.ts'
import { parseLedgerTable } from './ledger-import.ts'
import type { ParseJob } from './parse-in-worker.ts'

parentPort?.on('message', async (job: ParseJob) => {
  const result =
    job.kind === 'checkpoints'
      ? parseCheckpointFile(job.bytes, job.fileName, job.options)
      : job.kind === 'grid-layer'
        ? parseGridLayer(job.bytes, job.fileName, job.options)
        : job.kind === 'township-layer'
          ? parseTownshipLayer(job.bytes, job.fileName, job.options)
          : job.kind === 'checkpoint-layer'
            ? parseCheckpointLayer(job.bytes, job.fileName, job.options)
            : await parseLedgerTable(job.bytes, job.format, job.options)
  parentPort?.postMessage(result)
})
parentPort?.postMessage('ready')
