import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { describePlanStore } from './plan-contract.ts'

describePlanStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))
