// GET /healthz (the process answers) and GET /readyz (the store answers and the live view has read
// the log to its end) for a load balancer or a cluster's health check. No sign-in, no store writes.
import { type Response, Router } from 'express'
import type { LiveLedger } from '../../live/live-ledger.ts'
import { toProblem } from '../../ogc/exception.ts'
import { mediaTypes } from '../../ogc/links.ts'
import type { AppContext } from '../context.ts'

export interface ReadinessOptions {
  timeoutMs: number // a store or snapshot slower than this is not ready
}

const defaults: ReadinessOptions = {
  timeoutMs: 2000, // ms, under the usual 5 s health-check timeout
}

export function healthRoutes(
  { now }: AppContext,
  live: LiveLedger,
  options: Partial<ReadinessOptions> = {},
): Router {
  const { timeoutMs } = { ...defaults, ...options }
  const notReady = (res: Response, detail: string) =>
    res
      .status(503)
      .set('Cache-Control', 'no-store')
      .type(mediaTypes.problem)
      .send(JSON.stringify(toProblem(503, detail)))
  return Router()
    .get('/healthz', (_req, res) => {
      res.set('Cache-Control', 'no-store').json({
        status: 'ok',
        pid: process.pid,
        uptimeS: Math.round(process.uptime()),
        checkedAt: now().toISOString(),
      })
    })
    .get('/readyz', async (_req, res) => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs)
      })
      const check = (async () => {
        // behind by a write another process made since the last wake-up: read it now
        if ((await live.lag()) > 0) await live.catchUp()
        return live.lag()
      })()
      try {
        const lag = await Promise.race([check, timeout])
        if (lag === 'timeout')
          return notReady(res, `存储或实时视图在 ${timeoutMs} ms 内未应答，请稍后重试`)
        if (lag > 0) return notReady(res, `实时视图落后事件日志 ${lag} 条，正在追赶，请稍后重试`)
        res.set('Cache-Control', 'no-store').json({
          status: 'ready',
          pid: process.pid,
          lastEventSeq: live.lastSeq,
          checkedAt: now().toISOString(),
        })
      } catch (err) {
        notReady(res, `存储不可用：${err instanceof Error ? err.message : String(err)}`)
      } finally {
        clearTimeout(timer)
        check.catch(() => {})
      }
    })
}
