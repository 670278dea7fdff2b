// What synchronous = FULL costs a ledger write against NORMAL: N small committed transactions (the
// shape of one issue event) on a WAL file in a temp dir. Reports the median per write and the ratio.
//   npx tsx test/bench/sync-cost.ts [writes]
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'

const writes = Number(process.argv[2] ?? 300)
const dir = mkdtempSync(join(tmpdir(), 'weishan-sync-'))
try {
  const medians: Record<string, number> = {}
  for (const mode of ['NORMAL', 'FULL', 'NORMAL', 'FULL']) {
    const db = new Database(join(dir, `${mode}-${Math.random()}.db`))
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${mode}`)
    db.exec('create table events (seq integer primary key, issue text, body text)')
    const insert = db.prepare('insert into events (issue, body) values (?, ?)')
    const times: number[] = []
    for (let i = 0; i < writes; i++) {
      const started = performance.now()
      db.transaction(() => insert.run(`i-${i}`, 'x'.repeat(300)))()
      times.push(performance.now() - started)
    }
    db.close()
    times.sort((a, b) => a - b)
    medians[mode] = times[Math.floor(times.length / 2)] as number // the second run of each mode wins
  }
  const { NORMAL = 0, FULL = 0 } = medians
  console.log(
    `median per committed write: NORMAL ${NORMAL.toFixed(3)} ms, FULL ${FULL.toFixed(3)} ms (×${(FULL / NORMAL).toFixed(1)}); ${writes} writes; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; Node ${process.version}`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
