// A server started in its own process for a benchmark, and the CPU time of a process tree read
// from /proc (Linux), so a benchmark can report CPU per request on the server's side.
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const clockTicks = 100 // USER_HZ: /proc/<pid>/stat times are in 1/100 s on Linux

/**
 * Starts `script` on a free loopback port; resolves once `listening` processes said 已启动 and, with
 * `loaded`, had their live snapshot built (大屏统计：已载入): a process still reading a million issues
 * into memory would bill that to the requests measured.
 */
export async function startServer(
  script: string,
  env: Record<string, string>,
  listening: number,
  loaded = false,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString()
  })
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString()
  })
  for (;;) {
    const started = [...output.matchAll(/已启动：(http:\/\/[^/\s]+)\//g)]
    const ready = !loaded || [...output.matchAll(/大屏统计：已载入/g)].length >= listening
    if (started.length >= listening && ready) return { child, url: started[0]?.[1] as string }
    if (child.exitCode !== null) throw new Error(output)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

/** (ppid, CPU seconds) of every process, from /proc. */
export function processTable(): Map<number, { ppid: number; cpu: number }> {
  const table = new Map<number, { ppid: number; cpu: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const cpu = (Number(fields[11]) + Number(fields[12])) / clockTicks // utime + stime
      table.set(Number(entry), { ppid: Number(fields[1]), cpu })
    } catch {
      // the process ended while listed
    }
  }
  return table
}

/** CPU seconds so far of `pid` and its children (cluster workers; the postmaster's backends). */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0
  let total = 0
  for (const [p, { ppid, cpu }] of processTable()) if (p === pid || ppid === pid) total += cpu
  return total
}
