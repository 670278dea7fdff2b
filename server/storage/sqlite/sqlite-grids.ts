// Grids on SQLite: grid features stay rows of `features` (collection `grids`, R*Tree and stats kept
// current); managers, the code registry, the audit trail and the version live in 003-grids.sql.
// A change is decided and applied inside one transaction, so its checks cannot go stale.
// Managers and codes are seeded from the loaded grids the first time they are needed (new and
// migrated databases alike).
import { type CollectionDef, findCollection } from '../../collections.ts'
import type { IssueEvent, IssueState } from '../../domain/issue.ts'
import { bboxOf } from '../bbox-of.ts'
import { propertyColumns, toColumnValue } from '../feature-columns.ts'
import {
  type CheckpointCounts,
  checkGridsVersion,
  checkpointCounts,
  gridEventColumns,
  gridEventValues,
  remapGridCodes,
  seedManagers,
  seedTime,
  toGridFeature,
  toLocatedPoints,
} from '../grid-part-common.ts'
import {
  type CodeRow,
  type GridEventRow,
  type ManagerRow,
  toCode,
  toEventRecord,
  toManager,
} from '../grid-rows.ts'
import type {
  GridActor,
  GridChangePlan,
  GridChangeResult,
  GridCodeRecord,
  GridEventQuery,
  GridEventRecord,
  GridFeatureRecord,
  GridManagerRecord,
  GridStore,
  GridView,
} from '../grid-store.ts'
import type { UnitRecord } from '../ledger-store.ts'
import type { GeoJsonFeature } from '../store.ts'
import { CollectionSummary } from './collection-summary.ts'
import { toGridBox } from './feature-sql.ts'
import {
  type FeatureTable,
  issuesCollectionId,
  type Prepare,
  toIssueState,
} from './feature-table.ts'
import type { SqliteLedger } from './sqlite-ledger.ts'
import { SqlitePart, type Transaction } from './sqlite-part.ts'

export const gridsCollectionId = 'grids'
const checkpointsCollectionId = 'checkpoints'
const townshipsCollectionId = 'townships'

export class SqliteGrids extends SqlitePart implements GridStore {
  private readonly table: FeatureTable
  private readonly ledger: SqliteLedger
  private seeded = false

  constructor(
    prepare: Prepare,
    transaction: Transaction,
    table: FeatureTable,
    ledger: SqliteLedger,
  ) {
    super(prepare, transaction)
    this.table = table
    this.ledger = ledger
  }

  /** The grids layer was (re)loaded: check managers and codes against it on next use. */
  forget(): void {
    this.seeded = false
  }

  async gridsVersion(): Promise<number> {
    this.seed()
    return this.version()
  }

  async gridFeatures(): Promise<GridFeatureRecord[]> {
    this.seed()
    return this.readGrids()
  }

  async gridManagers(): Promise<GridManagerRecord[]> {
    this.seed()
    return this.readManagers()
  }

  async gridCodes(): Promise<GridCodeRecord[]> {
    this.seed()
    return this.readCodes()
  }

  async checkpointCounts(): Promise<CheckpointCounts> {
    const rows = this.prepare(
      `SELECT grid_code, kind, count(*) AS n FROM features
       WHERE collection = ? AND grid_code IS NOT NULL GROUP BY grid_code, kind`,
    ).all(checkpointsCollectionId) as { grid_code: string; kind: string | null; n: number }[]
    return checkpointCounts(rows)
  }

  async gridEvents(query: GridEventQuery): Promise<{ items: GridEventRecord[]; total: number }> {
    const where = query.gridCode
      ? 'WHERE EXISTS (SELECT 1 FROM json_each(grid_codes) WHERE value = ?)'
      : ''
    const params = query.gridCode ? [query.gridCode] : []
    const total = this.prepare(`SELECT count(*) FROM grid_events ${where}`)
      .pluck()
      .get(...params) as number
    const rows = this.prepare(
      `SELECT * FROM grid_events ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`,
    ).all(...params, query.limit, query.offset) as GridEventRow[]
    return { items: rows.map(toEventRecord), total }
  }

  async transactGrids<T>(
    actor: GridActor,
    at: string,
    expectedVersion: number | undefined,
    decide: (view: GridView) => { plan: GridChangePlan; value: T },
  ): Promise<GridChangeResult<T>> {
    this.seed()
    return this.transaction(() => {
      const version = this.version()
      checkGridsVersion(version, expectedVersion)
      const { plan, value } = decide(this.view(version))
      if (plan.events.length === 0) return { gridsVersion: version, issues: [], value } // a no-op
      const issues = this.apply(plan, actor, at)
      const gridsVersion = version + 1
      this.prepare("UPDATE meta SET value = ? WHERE name = 'grids_version'").run(gridsVersion)
      return { gridsVersion, issues, value }
    })
  }

  // ---- reading ----

  private version(): number {
    return (
      (this.prepare("SELECT value FROM meta WHERE name = 'grids_version'").pluck().get() as
        | number
        | undefined) ?? 1
    )
  }

  private readGrids(): GridFeatureRecord[] {
    const rows = this.prepare('SELECT json FROM features WHERE collection = ? ORDER BY fid')
      .pluck()
      .all(gridsCollectionId) as string[]
    return rows.map(toGridFeature)
  }

  private readManagers(): GridManagerRecord[] {
    const rows = this.prepare('SELECT * FROM grid_managers ORDER BY id').all() as ManagerRow[]
    return rows.map(toManager)
  }

  private readCodes(): GridCodeRecord[] {
    const rows = this.prepare('SELECT * FROM grid_codes ORDER BY code').all() as CodeRow[]
    return rows.map(toCode)
  }

  private readUnits(): UnitRecord[] {
    return (
      this.prepare(
        'SELECT code, name, kind, active FROM units ORDER BY ordinal, code',
      ).all() as (Omit<UnitRecord, 'active'> & { active: number })[]
    ).map((r) => ({ ...r, active: r.active === 1 }))
  }

  private view(version: number): GridView {
    const inGrids = (collection: string, codes: readonly string[]) =>
      codes.length === 0
        ? []
        : (this.prepare(
            `SELECT json, version FROM features WHERE collection = ? AND grid_code IN (SELECT value FROM json_each(?)) ORDER BY fid`,
          ).all(collection, JSON.stringify(codes)) as { json: string; version: number | null }[])
    return {
      version,
      grids: () => this.readGrids(),
      managers: () => this.readManagers(),
      units: () => this.readUnits(),
      codes: () => this.readCodes(),
      township: (code) => {
        const json = this.prepare('SELECT json FROM features WHERE collection = ? AND id = ?')
          .pluck()
          .get(townshipsCollectionId, code) as string | undefined
        if (json) return (JSON.parse(json) as GeoJsonFeature).geometry ?? undefined
        // the townships layer's ids may differ from the code: look the property up
        const byCode = this.prepare(
          "SELECT json FROM features WHERE collection = ? AND json_extract(json, '$.properties.code') = ?",
        )
          .pluck()
          .get(townshipsCollectionId, code) as string | undefined
        return byCode ? ((JSON.parse(byCode) as GeoJsonFeature).geometry ?? undefined) : undefined
      },
      checkpointsIn: (codes) =>
        inGrids(checkpointsCollectionId, codes).flatMap(({ json }) => toLocatedPoints(json)),
      issuesIn: (codes) =>
        inGrids(issuesCollectionId, codes).map((r) => toIssueState(r.json, r.version)),
    }
  }

  // ---- writing ----

  private apply(
    plan: GridChangePlan,
    actor: GridActor,
    at: string,
  ): { state: IssueState; event: IssueEvent }[] {
    for (const unit of plan.units ?? []) this.saveUnit(unit)
    if (plan.units?.length) this.ledger.forgetUnits()
    for (const manager of plan.managers ?? []) this.saveManager(manager)
    const gridsChanged = (plan.upsertGrids?.length ?? 0) + (plan.removeGrids?.length ?? 0) > 0
    for (const code of plan.removeGrids ?? []) this.deleteFeature(gridsCollectionId, code)
    for (const grid of plan.upsertGrids ?? []) this.saveGrid(grid)
    if (gridsChanged) this.recountGrids()
    for (const { code, parents } of plan.newCodes ?? []) {
      this.prepare(
        `INSERT INTO grid_codes (code, status, created_at, parents, children) VALUES (?, 'active', ?, ?, '[]')`,
      ).run(code, at, JSON.stringify(parents))
    }
    for (const { code, children } of plan.retiredCodes ?? []) {
      this.prepare(
        "UPDATE grid_codes SET status = 'retired', retired_at = ?, children = ? WHERE code = ?",
      ).run(at, JSON.stringify(children), code)
    }
    for (const { collectionId, features } of plan.replaceLayers ?? []) {
      this.table.replace(findCollection(collectionId) as CollectionDef, features)
    }
    for (const { id, gridCode, townshipCode } of plan.checkpoints ?? []) {
      this.prepare(
        `UPDATE features SET grid_code = ?, json = json_set(json, '$.properties.gridCode', ?),
           township_code = coalesce(?, township_code)
         WHERE collection = ? AND id = ?`,
      ).run(gridCode, gridCode, townshipCode ?? null, checkpointsCollectionId, id)
      if (townshipCode) {
        this.prepare(
          `UPDATE features SET json = json_set(json, '$.properties.townshipCode', ?) WHERE collection = ? AND id = ?`,
        ).run(townshipCode, checkpointsCollectionId, id)
      }
    }
    if (plan.userCodes && plan.userCodes.size > 0) this.remapUsers(plan.userCodes)
    for (const event of plan.events) {
      this.prepare(
        `INSERT INTO grid_events (${gridEventColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(...gridEventValues(event, actor, at))
    }
    return (plan.issueEvents ?? []).map((event) =>
      this.ledger.writeIssueEvent(event.issueId, undefined, () => event),
    )
  }

  private saveUnit(unit: UnitRecord): void {
    const { changes } = this.prepare(
      'UPDATE units SET name = ?, kind = ?, active = ? WHERE code = ?',
    ).run(unit.name, unit.kind, unit.active ? 1 : 0, unit.code)
    if (changes > 0) return
    this.prepare(
      `INSERT INTO units (code, name, kind, active, ordinal)
       VALUES (?, ?, ?, ?, (SELECT coalesce(max(ordinal), 0) + 1 FROM units))`,
    ).run(unit.code, unit.name, unit.kind, unit.active ? 1 : 0)
  }

  private saveManager(m: GridManagerRecord): void {
    this.prepare(
      `INSERT INTO grid_managers (id, name, phone, active, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone, active = excluded.active`,
    ).run(m.id, m.name, m.phone, m.active ? 1 : 0, m.createdAt)
  }

  private deleteFeature(collection: string, id: string): void {
    const fid = this.table.fidOf(collection, id)
    if (fid === undefined) return
    this.prepare('DELETE FROM features_rtree WHERE fid = ?').run(fid)
    this.prepare('DELETE FROM features WHERE fid = ?').run(fid)
  }

  /** Replaces a grid's row in place (its page position stays), or inserts a new one. */
  private saveGrid(grid: GridFeatureRecord): void {
    const def = findCollection(gridsCollectionId)
    if (!def) throw new Error('the collection list has no grids collection')
    const feature: GeoJsonFeature = {
      type: 'Feature',
      id: grid.id,
      geometry: grid.geometry,
      properties: grid.properties,
    }
    const fid = this.table.fidOf(gridsCollectionId, grid.id)
    if (fid === undefined) {
      const inserted = this.table.insert(def, grid.id, feature)
      const ordinal = this.table.stats.ordinalFor(gridsCollectionId)
      if (inserted.gridBox) this.table.insertRtree(inserted.fid, inserted.gridBox, ordinal)
      return
    }
    const columns = Object.entries(propertyColumns)
    const p = grid.properties as Record<string, unknown>
    const bbox = bboxOf(grid.geometry)
    this.prepare(
      `UPDATE features SET minx = ?, miny = ?, maxx = ?, maxy = ?,
         ${columns.map(([, c]) => `${c} = ?`).join(', ')}, json = ? WHERE fid = ?`,
    ).run(
      bbox?.[0] ?? null,
      bbox?.[1] ?? null,
      bbox?.[2] ?? null,
      bbox?.[3] ?? null,
      ...columns.map(([property]) => toColumnValue(p[property])),
      JSON.stringify(feature),
      fid,
    )
    this.prepare('DELETE FROM features_rtree WHERE fid = ?').run(fid)
    if (bbox) {
      const ordinal = this.table.stats.ordinalFor(gridsCollectionId)
      this.table.insertRtree(fid, toGridBox(bbox).box, ordinal)
    }
  }

  /** The grids' stats row from the rows themselves (grids are few; deletes cannot be subtracted). */
  private recountGrids(): void {
    const ordinal = this.table.stats.ordinalFor(gridsCollectionId)
    const summary = new CollectionSummary(gridsCollectionId, ordinal)
    const rows = this.prepare(
      'SELECT minx, miny, maxx, maxy, json FROM features WHERE collection = ?',
    ).all(gridsCollectionId) as {
      minx: number | null
      miny: number | null
      maxx: number | null
      maxy: number | null
      json: string
    }[]
    for (const r of rows) {
      const properties = (JSON.parse(r.json) as GeoJsonFeature).properties ?? {}
      if (r.minx === null || r.miny === null || r.maxx === null || r.maxy === null) {
        summary.add(undefined, true, undefined, properties)
      } else {
        const bbox: [number, number, number, number] = [r.minx, r.miny, r.maxx, r.maxy]
        summary.add(bbox, toGridBox(bbox).onGrid, undefined, properties)
      }
    }
    this.table.stats.save(summary.toRow())
  }

  private remapUsers(codes: Map<string, string[]>): void {
    const users = this.prepare(
      "SELECT username, grid_codes FROM users WHERE role IN ('grid-manager', 'grid-member') AND grid_codes IS NOT NULL",
    ).all() as { username: string; grid_codes: string }[]
    for (const user of users) {
      const after = remapGridCodes(JSON.parse(user.grid_codes) as string[], codes)
      if (!after) continue
      this.prepare('UPDATE users SET grid_codes = ? WHERE username = ?').run(
        JSON.stringify(after),
        user.username,
      )
    }
  }

  // ---- seeding ----

  /**
   * First use after a load or a migration: every loaded grid's code is in the registry (codes no
   * grid has any more are retired), and the managers exist — from the grids' managerId, or, for
   * geodata without one, one per distinct (manager, managerPhone) — with each grid's managerId set.
   */
  private seed(): void {
    if (this.seeded) return
    this.transaction(() => {
      const grids = this.readGrids()
      if (grids.length === 0) return
      const at = seedTime()
      const codes = grids.map((g) => g.properties.gridCode ?? g.id)
      for (const code of codes) {
        this.prepare(
          `INSERT OR IGNORE INTO grid_codes (code, status, created_at, parents, children) VALUES (?, 'active', ?, '[]', '[]')`,
        ).run(code, at)
      }
      this.prepare(
        `UPDATE grid_codes SET status = 'retired', retired_at = ?
         WHERE status = 'active' AND code NOT IN (SELECT value FROM json_each(?))`,
      ).run(at, JSON.stringify(codes))
      const seeded = seedManagers(grids, this.readManagers(), at)
      for (const m of seeded.managers) this.saveManager(m)
      for (const grid of seeded.grids) this.saveGrid(grid)
      if (seeded.grids.length > 0) this.recountGrids()
    })
    this.seeded = true
  }
}
