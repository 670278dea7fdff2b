// A consistent copy of a live SQLite database through SQLite's online backup API: the server may keep
// writing meanwhile (WAL); the copy is checked with integrity_check before it is reported good.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

export interface BackupReport {
  destination: string
  pages: number
  bytes: number
}

export async function backupSqlite(source: string, destination: string): Promise<BackupReport> {
  mkdirSync(dirname(destination), { recursive: true })
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000') // ms
    const { totalPages } = await db.backup(destination)
    const copy = new Database(destination, { readonly: true })
    try {
      const check = copy.pragma('integrity_check', { simple: true })
      if (check !== 'ok') throw new Error(`备份文件校验失败：${String(check)}`)
      const pageSize = copy.pragma('page_size', { simple: true }) as number
      return { destination, pages: totalPages, bytes: totalPages * pageSize }
    } finally {
      copy.close()
    }
  } finally {
    db.close()
  }
}
