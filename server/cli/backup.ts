// npm run backup [-- <file>]: a consistent copy of the database while the server runs (SQLite online
// backup API), checked with integrity_check. Default file: backups/ beside the database, named by the
// Shanghai time. Restore: stop the server, put the copy in place of DATABASE_PATH, start it.
import { dirname, join } from 'node:path'
import { ConfigError, loadConfig } from '../config.ts'
import { backupSqlite } from '../storage/sqlite/backup-sqlite.ts'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const source = config.databasePath.replace(/^sqlite:\/\//i, '')
  if (source === ':memory:' || /^postgres/i.test(source)) {
    throw new ConfigError(`无法备份 ${source}：只支持 SQLite 数据库文件`)
  }
  const stamp = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'medium',
  })
    .format(new Date())
    .replaceAll(/[^\d]/g, '')
  const destination = process.argv[2] ?? join(dirname(source), 'backups', `inspection-${stamp}.db`)
  const report = await backupSqlite(source, destination)
  console.log(report.destination)
  console.error(
    `备份完成：${report.pages} 页，${(report.bytes / 1024 / 1024).toFixed(1)} MB，校验通过`,
  )
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
