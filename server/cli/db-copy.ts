// npm run db:copy -- --from <SQLite path or postgres://…> --to <postgres://… or SQLite path>
// Moves a whole database into an empty one (a county from SQLite to PostGIS, or back): features, the
// ledger with every event, photos' metadata, accounts and tokens (not sessions), plans, grids and
// their code registry, supervision, notifications. Progress on stderr; then verified by per-table
// counts and by replaying every issue's history on the target. Photos' files are not in the database:
// copy the attachments folder beside it.
import { parseArgs } from 'node:util'
import type { IssueEvent } from '../domain/issue.ts'
import { copyTables, TargetNotEmpty } from '../storage/copy-tables.ts'
import { openStore, openTableRows } from '../storage/open-store.ts'
import { copiedTables } from '../storage/table-rows.ts'
import { countMismatches, replayMismatch } from '../storage/verify-copy.ts'

const usage =
  '用法：npm run db:copy -- --from <源：SQLite 文件路径或 postgres://…> --to <目标：postgres://… 或 SQLite 文件路径>'
/** A wrong command line: its message is all the user needs. */
class UsageError extends Error {}

const replayConcurrency = 8 // issues replayed at once (each: two reads of the target)

/** A location fit for the console: a URL without its password. */
function shown(location: string): string {
  try {
    const url = new URL(location)
    if (url.password) url.password = '***'
    return /^postgres/i.test(url.protocol) ? url.toString() : location
  } catch {
    return location
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' } },
  })
  const { from, to } = values
  if (!from || !to) throw new UsageError(`缺少 --from 或 --to。${usage}`)
  if (from === to) throw new UsageError(`--from 与 --to 相同。${usage}`)
  if (from === ':memory:' || to === ':memory:') throw new UsageError('不能复制内存数据库')

  // opening each store applies its migrations: the target gets its schema from its own store
  for (const location of [from, to]) await (await openStore(location)).close()
  const source = openTableRows(from)
  const target = openTableRows(to)
  const started = performance.now()
  let sourceCounts: Map<string, number>
  let lastLine = 0
  try {
    sourceCounts = await copyTables(source, target, ({ table, rows, total }) => {
      const now = performance.now()
      if (rows !== total && now - lastLine < 1000) return
      lastLine = now
      process.stderr.write(`复制 ${table}：${rows}/${total} 行\n`)
    })
    const targetCounts = new Map<string, number>()
    for (const { name } of copiedTables) targetCounts.set(name, await target.count(name))
    const wrong = countMismatches(sourceCounts, targetCounts)
    if (wrong.length > 0) throw new Error(`行数核对失败：\n${wrong.join('\n')}`)
  } finally {
    await source.close()
    await target.close()
  }

  const store = await openStore(to)
  try {
    const ids: string[] = []
    const rows = openTableRows(to)
    try {
      const features = copiedTables.find((t) => t.name === 'features')
      if (!features) throw new Error('features is always copied')
      for await (const batch of rows.read(features, ['collection', 'id'])) {
        for (const row of batch) if (row.collection === 'issues') ids.push(row.id as string)
      }
    } finally {
      await rows.close()
    }
    const problems: string[] = []
    let next = 0
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++] as string
        const [stored, events] = await Promise.all([store.issue(id), store.issueEvents(id)])
        const problem = replayMismatch(id, stored, events as IssueEvent[])
        if (problem) problems.push(problem)
        if (next % 10_000 === 0) process.stderr.write(`重放核对：${next}/${ids.length} 个问题\n`)
      }
    }
    await Promise.all(Array.from({ length: replayConcurrency }, worker))
    if (problems.length > 0) {
      throw new Error(
        `重放核对失败（${problems.length} 个问题）：\n${problems.slice(0, 20).join('\n')}`,
      )
    }
    const total = [...sourceCounts.values()].reduce((a, b) => a + b, 0)
    console.error(
      `复制完成：${shown(from)} → ${shown(to)}，${copiedTables.length} 张表 ${total} 行，` +
        `${ids.length} 个问题的历史重放一致，用时 ${((performance.now() - started) / 1000).toFixed(1)} s。` +
        '照片文件不在数据库中：请另行复制附件目录。',
    )
  } finally {
    await store.close()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof TargetNotEmpty || err instanceof UsageError ? err.message : err)
  process.exit(1)
})
