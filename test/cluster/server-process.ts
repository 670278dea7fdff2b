// The server as real processes for the multi-process and cluster tests: spawn server/main.ts (or the
// cluster), wait for its URL, sign in, write, and read the database from outside.
import { type ChildProcess, spawn } from 'node:child_process'
import Database from 'better-sqlite3'

export interface ServerProcess {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
  stop: () => Promise<void>
}

/** Starts `script` (server/main.ts or server/cluster.ts); resolves once `listening` processes logged the URL. */
export async function startServer(
  script: string,
  env: Record<string, string>,
  listening = 1,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DIST_DIR: '/nonexistent-dist',
      ...env,
    },
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
  const deadline = Date.now() + timeoutMs
  let url: string | undefined
  while (!url) {
    const started = [...output.matchAll(/已启动：(http:\/\/[^/\s]+)\//g)]
    if (started.length >= listening) url = started[0]?.[1]
    if (url) break
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${script} did not start:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    child,
    url,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** A signed-in caller of one server: JSON in, JSON out, the session cookie kept. */
export async function signIn(url: string, username: string, password = 'weishan2026') {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-requested-with': 'fetch',
    },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  })
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status}`)
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
  const call = async (path: string, body?: unknown) => {
    const reply = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        cookie,
        accept: 'application/json',
        'x-requested-with': 'fetch',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
    const text = await reply.text()
    // biome-ignore lint/suspicious/noExplicitAny: JSON of any shape, checked by the tests
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = text
    }
    return { status: reply.status, body: json }
  }
  return { cookie, call }
}

/** The issues stored in the database file, counted from outside every server. */
export function issueRows(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    return db
      .prepare("SELECT count(*) FROM features WHERE collection = 'issues'")
      .pluck()
      .get() as number
  } finally {
    db.close()
  }
}
