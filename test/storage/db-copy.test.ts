// npm run db:copy as a real command: a demo database with something in every copied table goes
// SQLite → PostGIS → SQLite, and every table comes back row for row (JSON compared parsed: jsonb
// keeps its own key order); sessions stay behind; a non-empty target is refused. Skipped without
// TEST_DATABASE_URL (npm run test:postgis sets one up).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { actionsFrom, toTransitionEvent } from '../../server/domain/issue.ts'
import { prepareStore } from '../../server/prepare-store.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { copiedTables } from '../../server/storage/table-rows.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from './postgis-database.ts'

const dir = mkdtempSync(join(tmpdir(), 'db-copy-'))
const original = join(dir, 'original.db')
const back = join(dir, 'back.db')

function dbCopy(from: string, to: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli/db-copy.ts', '--from', from, '--to', to],
    { encoding: 'utf8', timeout: 120_000 },
  )
  return { status: run.status, stderr: run.stderr }
}

/** The demo data, a few transitions, and rows in the tables the demo leaves empty. */
async function makeOriginal(): Promise<void> {
  const store = await openSqliteStore(original)
  await prepareStore(store, { geodataDir: 'geodata', demoAccounts: true })
  const actor = { username: 'admin', displayName: '管理员', role: 'admin' as const }
  for (const id of ['issue-00001', 'issue-00002', 'issue-00003']) {
    for (let step = 0; step < 2; step++) {
      await store.transactIssue(id, undefined, (state) => {
        const action = actionsFrom(state.properties.status)[0]
        if (!action) throw new Error(`no action from ${state.properties.status}`)
        return toTransitionEvent(
          state,
          { action, note: `第 ${step + 1} 步` },
          actor,
          `2026-05-0${step + 1}T02:00:00Z`,
        )
      })
    }
  }
  await store.close()
  const db = new Database(original)
  db.exec(`
    INSERT INTO attachments (id, issue_id, content_type, bytes, sha256, file_name, uploaded_by, created_at)
      VALUES ('att-1', 'issue-00001', 'image/jpeg', 1234, 'ab', 'att-1.jpg', 'inspector', '2026-05-01T02:00:00Z');
    INSERT INTO sequences (name, value) VALUES ('checkpoints:cp-', 700);
    INSERT INTO sessions (id_hash, username, created_at, expires_at) VALUES ('s1', 'admin', 1, 2);
    INSERT INTO api_tokens (token_hash, username, label, created_at) VALUES ('t1', 'admin', 'QGIS', '2026-05-01T02:00:00Z');
    INSERT INTO grid_managers (id, name, phone, active, created_at) VALUES ('gm-0001', '张三', '13800000000', 0, '2026-05-01T02:00:00Z');
    INSERT INTO grid_codes (code, status, created_at, retired_at, parents, children)
      VALUES ('532927101001001', 'retired', '2026-05-01T02:00:00Z', '2026-05-02T02:00:00Z', '[]', '["532927101001002"]');
    INSERT INTO grid_events (at, actor, actor_name, action, grid_codes, changes, note)
      VALUES ('2026-05-02T02:00:00Z', 'admin', '管理员', 'split', '["532927101001001"]', '{"b":1,"a":[2]}', NULL);
    INSERT INTO plans (id, name, checkpoint_ids, weights, constraints, created_by, created_at, updated_at)
      VALUES ('plan-0001', '五月', '["cp-0001"]', '{"x":1}', '{}', 'planner', '2026-05-01T02:00:00Z', '2026-05-01T02:00:00Z');
    INSERT INTO rounds (id, kind, number, name, starts_on, ends_on, teams, targets, created_by, created_at, updated_at)
      VALUES ('round-0001', 'monthly', 1, '第一轮', '2026-05-01', '2026-05-07', '[]', '{"k":2}', 'admin', '2026-05-01T02:00:00Z', '2026-05-01T02:00:00Z');
    INSERT INTO supervision_documents (id, kind, status, year, number, unit_code, round_id, content, docx, pdf, created_by, created_at, updated_at)
      VALUES ('doc-0001', 'bulletin', 'draft', 2026, 1, NULL, 'round-0001', '{"title":"通报"}', x'504b0304', x'25504446', 'admin', '2026-05-01T02:00:00Z', '2026-05-01T02:00:00Z');
    INSERT INTO supervision_settings (id, settings) VALUES (1, '{"signer":"李四"}');
    INSERT INTO reminder_log (rule_id, issue_id, deadline_at, sent_at) VALUES ('due-soon', 'issue-00001', '2026-05-09T00:00:00Z', '2026-05-08T00:00:00Z');
    INSERT INTO notifications (username, kind, title, body, issue_id, created_at, read_at)
      VALUES ('admin', 'reminder', '即将到期', '问题即将到期', 'issue-00001', '2026-05-08T00:00:00Z', NULL);
    INSERT INTO inspections (id, checkpoint_id, kind, inspector, inspector_name, unit_code, at, score, passed, failed, not_applicable)
      VALUES ('insp-00001', 'cp-0001', 'self', 'unit-um', '城管经办人', 'urban-management', '2026-05-08T00:00:00Z', 0.5, 1, 1, 0);
    INSERT INTO inspection_results (inspection_id, item_code, result, note, attachment_ids, issue_id, ordinal)
      VALUES ('insp-00001', 'market-d01', 'fail', '占道', '["att-1"]', 'issue-00001', 0),
             ('insp-00001', 'market-s01', 'pass', NULL, NULL, NULL, 1);
    INSERT INTO materials (id, year, standard_code, unit_code, status, report, submitted_by, submitted_at, created_at, updated_at)
      VALUES ('mat-0001', 2026, '03-02-01', 'urban-management', 'submitted', '{"results":"覆盖率 100%"}', 'unit-um', '2026-05-08T00:00:00Z', '2026-05-07T00:00:00Z', '2026-05-08T00:00:00Z');
    INSERT INTO material_files (id, material_id, kind, content_type, bytes, sha256, file_name, title, uploaded_by, created_at)
      VALUES ('mf-1', 'mat-0001', 'document', 'application/pdf', 10, 'cd', 'mf-1.pdf', '部署文件.pdf', 'unit-um', '2026-05-07T00:00:00Z');
    INSERT INTO material_events (material_id, action, by_user, at, note)
      VALUES ('mat-0001', 'submit', 'unit-um', '2026-05-08T00:00:00Z', NULL);
    INSERT INTO material_handovers (id, year, unit_code, material_ids, signed_by_name, signed_by_title, signed_on, handed_over_by, created_at)
      VALUES ('handover-0001', 2026, 'urban-management', '["mat-0001"]', '张三', '局长', '2026-05-09', 'unit-um', '2026-05-09T00:00:00Z');
    INSERT INTO survey_rounds (id, name, conducted_on, source, cells, created_by, created_at)
      VALUES ('survey-0001', '自测', '2026-05-20', '自测', '[{"township":"南诏镇","group":"市民","sampleSize":10,"awareness":9,"support":8,"satisfaction":7}]', 'inspector', '2026-05-21T00:00:00Z');
    INSERT INTO department_evaluations (id, year, score, points, department, document, evaluated_on, note, entered_by, entered_at)
      VALUES ('deval-0001', 2026, 8.5, 10, '省文明办', '省文明办关于征求意见结果的函', '2026-05-22', '', 'admin', '2026-05-23T00:00:00Z');
  `)
  db.close()
}

/** Every table's rows in key order, JSON columns parsed (both files are SQLite: same columns). */
function tableRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true })
  const all: Record<string, unknown[]> = {}
  for (const table of copiedTables) {
    const rows = db.prepare(`SELECT * FROM ${table.name} ORDER BY ${table.orderBy}`).all()
    all[table.name] = (rows as Record<string, unknown>[]).map((row) => {
      for (const c of table.json ?? []) {
        if (typeof row[c] === 'string') row[c] = JSON.parse(row[c] as string)
      }
      return row
    })
  }
  all.features_rtree = db.prepare('SELECT * FROM features_rtree ORDER BY fid').all()
  db.close()
  return all
}

describe.skipIf(!testDatabaseUrl)('db:copy', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseUrl as string, 'copy')
    await makeOriginal()
  }, 120_000)
  afterAll(async () => {
    await database?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('SQLite → PostGIS → SQLite gives every table back, row for row, without sessions', () => {
    const there = dbCopy(original, database.url)
    expect(there.stderr).toMatch(/复制完成.*历史重放一致/)
    expect(there.status).toBe(0)
    const home = dbCopy(database.url, back)
    expect(home.stderr).toMatch(/复制完成/)
    expect(home.status).toBe(0)

    const before = tableRows(original)
    const after = tableRows(back)
    for (const table of copiedTables) {
      expect(before[table.name]?.length, table.name).toBeGreaterThan(0)
    }
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name])
    const sessions = new Database(back, { readonly: true })
    expect(sessions.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0)
    sessions.close()
  }, 240_000)

  test('a target that holds data is refused with a message saying so, and left as it was', () => {
    const refused = dbCopy(original, database.url)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/目标数据库不是空的（.*features.*）/)
  }, 120_000)
})
