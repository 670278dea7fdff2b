// Starts createApp in process on a random port, the way main.ts would, for HTTP tests.
import type { AddressInfo } from 'node:net'
import { type AppOptions, createApp } from '../../server/app.ts'

export interface RunningApp {
  url: string // http://127.0.0.1:PORT, no trailing slash
  port: number
  logs: string[] // request log lines, in order
  close: () => Promise<void> // stops the server (the store stays open)
}

export async function startApp(options: Omit<AppOptions, 'log'>): Promise<RunningApp> {
  const logs: string[] = []
  const app = createApp({ ...options, log: (line) => logs.push(line) })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
