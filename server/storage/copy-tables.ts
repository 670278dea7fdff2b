// Copies every table of one store into an empty other (npm run db:copy): rows in key order, in one
// target transaction, the columns both stores have (each store derives its own geometry index).
import { type CopiedTable, copiedTables, seededTables, type TableRows } from './table-rows.ts'

/** The target already holds data: db:copy never merges. */
export class TargetNotEmpty extends Error {
  override name = 'TargetNotEmpty'
}

export interface CopyProgress {
  table: string
  rows: number // copied so far in this table
  total: number // rows in this table at the source
}

/** Tables (among those copied) that hold rows in `rows`; seeded ones count only when changed. */
export async function nonEmptyTables(rows: TableRows): Promise<string[]> {
  const found: string[] = []
  for (const { name } of copiedTables) {
    if (!seededTables.has(name) && (await rows.count(name)) > 0) found.push(name)
  }
  return found
}

/** Copies `copiedTables` from `source` to `target`; returns the source's row count per table. */
export async function copyTables(
  source: TableRows,
  target: TableRows,
  onProgress: (progress: CopyProgress) => void = () => {},
): Promise<Map<string, number>> {
  const occupied = await nonEmptyTables(target)
  if (occupied.length > 0) {
    throw new TargetNotEmpty(
      `目标数据库不是空的（${occupied.join('、')} 已有数据）：请换一个新建的空数据库，db:copy 不会合并或覆盖数据`,
    )
  }
  const counts = new Map<string, number>()
  await target.begin()
  try {
    for (const table of copiedTables) counts.set(table.name, await copyTable(table))
    await target.commit()
  } catch (error) {
    await target.rollback()
    throw error
  }
  return counts

  async function copyTable(table: CopiedTable): Promise<number> {
    const there = new Set(await target.columns(table.name))
    const columns = (await source.columns(table.name)).filter((c) => there.has(c))
    const total = await source.count(table.name)
    let rows = 0
    onProgress({ table: table.name, rows, total })
    for await (const batch of source.read(table, columns)) {
      await target.write(table, columns, batch)
      rows += batch.length
      onProgress({ table: table.name, rows, total })
    }
    return rows
  }
}
