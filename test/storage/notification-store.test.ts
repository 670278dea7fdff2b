// The reminder sent-log and the 消息中心 on SQLite (PostGIS: postgis-store.test.ts).
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { describeNotificationStore } from './notification-contract.ts'

describeNotificationStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))
