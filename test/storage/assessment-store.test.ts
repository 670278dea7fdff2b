import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { describeAssessmentStore } from './assessment-contract.ts'

describeAssessmentStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))
