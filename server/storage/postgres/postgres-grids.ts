// Grids on PostGIS: grid features stay rows of `features` (collection `grids`); managers, the code
// registry, the audit trail and the version live in 003-grids.sql. A change locks the version row
// first (grid changes run one at a time), then reads and writes in the same transaction.
// GridView's reads are synchronous, the driver is not: decide runs against what has been read so far;
// a read not yet loaded is noted (ViewMiss), loaded, and decide runs again — so decide must be a pure
// function of the view, as grid-store.ts requires. Issues and check points it reads stay locked.
import { type CollectionDef, findCollection } from '../../collections.ts'
import type { IssueEvent, IssueState } from '../../domain/issue.ts'
import { bboxOf } from '../bbox-of.ts'
import { propertyColumns } from '../feature-columns.ts'
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
  GridView,
  LocatedPoint,
} from '../grid-store.ts'
import type { UnitRecord } from '../ledger-store.ts'
import { CollectionSummary } from '../sqlite/collection-summary.ts'
import { toIssueState } from '../sqlite/feature-table.ts'
import type { GeoJsonFeature, GeoJsonGeometry } from '../store.ts'
import { fromJson, param, type Queryable, query, queryOne, type Write } from './postgres-db.ts'
import {
  insertFeatureRows,
  issuesCollectionId,
  saveStats,
  statsOf,
  toFeatureRow,
} from './postgres-features.ts'
import { replaceFeatureRows } from './postgres-layers.ts'
import { units as readUnits, writeIssueEvent } from './postgres-ledger.ts'
import { PostgresPart } from './postgres-part.ts'

export const gridsCollectionId = 'grids'
const checkpointsCollectionId = 'checkpoints'
const townshipsCollectionId = 'townships'
const maxDecideRuns = 50 // a decide that keeps asking for new reads is a bug, not a workload

/** A GridView read that was not loaded when decide asked for it. */
class ViewMiss extends Error {
  override name = 'ViewMiss'
}

export class PostgresGrids extends PostgresPart {
  private seeded = false

  /** The grids layer was (re)loaded: check managers and codes against it on next use. */
  forget(): void {
    this.seeded = false
  }

  async gridsVersion(): Promise<number> {
    await this.seed()
    return version(this.db)
  }

  async gridFeatures(): Promise<GridFeatureRecord[]> {
    await this.seed()
    return readGrids(this.db)
  }

  async gridManagers(): Promise<GridManagerRecord[]> {
    await this.seed()
    return readManagers(this.db)
  }

  async gridCodes(): Promise<GridCodeRecord[]> {
    await this.seed()
    return readCodes(this.db)
  }

  async checkpointCounts(): Promise<CheckpointCounts> {
    const rows = await query<{ grid_code: string; kind: string | null; n: number }>(
      this.db,
      `SELECT grid_code, kind, count(*) AS n FROM features
       WHERE collection = $1 AND grid_code IS NOT NULL GROUP BY grid_code, kind`,
      [checkpointsCollectionId],
    )
    return checkpointCounts(rows)
  }

  async gridEvents(q: GridEventQuery): Promise<{ items: GridEventRecord[]; total: number }> {
    const params: unknown[] = []
    const where = q.gridCode ? `WHERE grid_codes ? ${param(params, q.gridCode)}` : ''
    const total =
      (
        await queryOne<{ n: number }>(
          this.db,
          `SELECT count(*) AS n FROM grid_events ${where}`,
          params,
        )
      )?.n ?? 0
    const rows = await query<GridEventRow>(
      this.db,
      `SELECT * FROM grid_events ${where} ORDER BY seq DESC LIMIT ${param(params, q.limit)} OFFSET ${param(params, q.offset)}`,
      params,
    )
    return { items: rows.map(toEventRecord), total }
  }

  async transactGrids<T>(
    actor: GridActor,
    at: string,
    expectedVersion: number | undefined,
    decide: (view: GridView) => { plan: GridChangePlan; value: T },
  ): Promise<GridChangeResult<T>> {
    await this.seed()
    return this.write(async (w) => {
      const current = await version(w.tx, true) // the lock every grid change takes first
      checkGridsVersion(current, expectedVersion)
      const { plan, value } = await decideWithReads(w.tx, current, decide)
      if (plan.events.length === 0) return { gridsVersion: current, issues: [], value } // a no-op
      const issues = await apply(w, plan, actor, at)
      const gridsVersion = current + 1
      await query(w.tx, "UPDATE meta SET value = $1 WHERE name = 'grids_version'", [gridsVersion])
      return { gridsVersion, issues, value }
    })
  }

  /**
   * First use after a load: every loaded grid's code is in the registry (codes no grid has any more
   * are retired), and the managers exist — from the grids' managerId, or one per distinct
   * (manager, managerPhone) — with each grid's managerId set. As sqlite-grids.ts.
   */
  private async seed(): Promise<void> {
    if (this.seeded) return
    await this.write(async (w) => {
      await version(w.tx, true)
      const grids = await readGrids(w.tx)
      if (grids.length === 0) return
      const at = seedTime()
      const codes = grids.map((g) => g.properties.gridCode ?? g.id)
      await query(
        w.tx,
        `INSERT INTO grid_codes (code, status, created_at) SELECT c, 'active', $2 FROM unnest($1::text[]) AS c
         ON CONFLICT (code) DO NOTHING`,
        [codes, at],
      )
      await query(
        w.tx,
        `UPDATE grid_codes SET status = 'retired', retired_at = $1
         WHERE status = 'active' AND NOT (code = ANY ($2::text[]))`,
        [at, codes],
      )
      const seeded = seedManagers(grids, await readManagers(w.tx), at)
      for (const m of seeded.managers) await saveManager(w.tx, m)
      for (const grid of seeded.grids) await saveGrid(w.tx, grid)
      if (seeded.grids.length > 0) await recountGrids(w.tx)
    })
    this.seeded = true
  }
}

// ---- the view ----

/** Runs decide until it asked for nothing that was not loaded; loads what it asked for between runs. */
async function decideWithReads<T>(
  tx: Queryable,
  gridsVersion: number,
  decide: (view: GridView) => { plan: GridChangePlan; value: T },
): Promise<{ plan: GridChangePlan; value: T }> {
  const loaded = new Map<string, unknown>()
  for (let run = 1; run <= maxDecideRuns; run++) {
    const missing = new Map<string, () => Promise<unknown>>()
    const read = <R>(key: string, load: () => Promise<R>): R => {
      if (loaded.has(key)) return loaded.get(key) as R
      missing.set(key, load)
      throw new ViewMiss(key)
    }
    const key = (codes: readonly string[]) => JSON.stringify([...codes].sort())
    const view: GridView = {
      version: gridsVersion,
      grids: () => read('grids', () => readGrids(tx)),
      managers: () => read('managers', () => readManagers(tx)),
      units: () => read('units', () => readUnits(tx)),
      codes: () => read('codes', () => readCodes(tx)),
      township: (code) => read(`township:${code}`, () => readTownship(tx, code)),
      checkpointsIn: (codes) => read(`checkpoints:${key(codes)}`, () => checkpointsIn(tx, codes)),
      issuesIn: (codes) => read(`issues:${key(codes)}`, () => issuesIn(tx, codes)),
    }
    let outcome: { plan: GridChangePlan; value: T } | undefined
    let failure: unknown
    try {
      outcome = decide(view)
    } catch (error) {
      failure = error
    }
    // a miss counts even if decide caught it: its answer was made without the data
    if (missing.size === 0) {
      if (outcome) return outcome
      throw failure
    }
    for (const [name, load] of missing) loaded.set(name, await load())
  }
  throw new Error(`grid change still reading after ${maxDecideRuns} runs of decide`)
}

async function version(db: Queryable, lock = false): Promise<number> {
  const row = await queryOne<{ value: number }>(
    db,
    `SELECT value FROM meta WHERE name = 'grids_version'${lock ? ' FOR UPDATE' : ''}`,
  )
  return row?.value ?? 1
}

async function readGrids(db: Queryable): Promise<GridFeatureRecord[]> {
  const rows = await query<{ json: string }>(
    db,
    'SELECT json FROM features WHERE collection = $1 ORDER BY fid',
    [gridsCollectionId],
  )
  return rows.map(({ json }) => toGridFeature(json))
}

async function readManagers(db: Queryable): Promise<GridManagerRecord[]> {
  const rows = await query<ManagerRow>(db, 'SELECT * FROM grid_managers ORDER BY id')
  return rows.map(toManager)
}

async function readCodes(db: Queryable): Promise<GridCodeRecord[]> {
  const rows = await query<CodeRow>(db, 'SELECT * FROM grid_codes ORDER BY code')
  return rows.map(toCode)
}

async function readTownship(db: Queryable, code: string): Promise<GeoJsonGeometry | undefined> {
  // the townships layer's ids may differ from the code: the property is looked up too
  const row = await queryOne<{ json: string }>(
    db,
    `SELECT json FROM features WHERE collection = $1
       AND (id = $2 OR (json::jsonb -> 'properties' ->> 'code') = $2)
     ORDER BY (id = $2) DESC, fid LIMIT 1`,
    [townshipsCollectionId, code],
  )
  return row ? ((JSON.parse(row.json) as GeoJsonFeature).geometry ?? undefined) : undefined
}

async function rowsInGrids(
  db: Queryable,
  collection: string,
  codes: readonly string[],
): Promise<{ json: string; version: number | null }[]> {
  if (codes.length === 0) return []
  // locked to the end of the change: what decide read about them cannot go stale before the write
  return query(
    db,
    'SELECT json, version FROM features WHERE collection = $1 AND grid_code = ANY ($2::text[]) ORDER BY fid FOR UPDATE',
    [collection, [...codes]],
  )
}

async function checkpointsIn(db: Queryable, codes: readonly string[]): Promise<LocatedPoint[]> {
  return (await rowsInGrids(db, checkpointsCollectionId, codes)).flatMap(({ json }) =>
    toLocatedPoints(json),
  )
}

async function issuesIn(db: Queryable, codes: readonly string[]): Promise<IssueState[]> {
  return (await rowsInGrids(db, issuesCollectionId, codes)).map((r) =>
    toIssueState(r.json, r.version),
  )
}

// ---- writing ----

async function apply(
  w: Write,
  plan: GridChangePlan,
  actor: GridActor,
  at: string,
): Promise<{ state: IssueState; event: IssueEvent }[]> {
  const tx = w.tx
  for (const unit of plan.units ?? []) await saveUnit(tx, unit)
  for (const manager of plan.managers ?? []) await saveManager(tx, manager)
  const gridsChanged = (plan.upsertGrids?.length ?? 0) + (plan.removeGrids?.length ?? 0) > 0
  for (const code of plan.removeGrids ?? []) {
    await query(tx, 'DELETE FROM features WHERE collection = $1 AND id = $2', [
      gridsCollectionId,
      code,
    ])
  }
  for (const grid of plan.upsertGrids ?? []) await saveGrid(tx, grid)
  if (gridsChanged) await recountGrids(tx)
  for (const { code, parents } of plan.newCodes ?? []) {
    await query(
      tx,
      `INSERT INTO grid_codes (code, status, created_at, parents, children) VALUES ($1, 'active', $2, $3::text::jsonb, '[]')`,
      [code, at, JSON.stringify(parents)],
    )
  }
  for (const { code, children } of plan.retiredCodes ?? []) {
    await query(
      tx,
      "UPDATE grid_codes SET status = 'retired', retired_at = $1, children = $2::text::jsonb WHERE code = $3",
      [at, JSON.stringify(children), code],
    )
  }
  for (const { collectionId, features } of plan.replaceLayers ?? []) {
    await replaceFeatureRows(tx, findCollection(collectionId) as CollectionDef, features)
  }
  for (const { id, gridCode, townshipCode } of plan.checkpoints ?? []) {
    const row = await queryOne<{ json: string }>(
      tx,
      'SELECT json FROM features WHERE collection = $1 AND id = $2 FOR UPDATE',
      [checkpointsCollectionId, id],
    )
    if (!row) continue
    const feature = JSON.parse(row.json) as GeoJsonFeature
    feature.properties = { ...feature.properties, gridCode, ...(townshipCode && { townshipCode }) }
    await query(
      tx,
      `UPDATE features SET grid_code = $1, json = $2, township_code = coalesce($5, township_code)
       WHERE collection = $3 AND id = $4`,
      [gridCode, JSON.stringify(feature), checkpointsCollectionId, id, townshipCode ?? null],
    )
  }
  if (plan.userCodes && plan.userCodes.size > 0) await remapUsers(tx, plan.userCodes)
  for (const event of plan.events) {
    await query(
      tx,
      `INSERT INTO grid_events (${gridEventColumns})
       VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7)`,
      gridEventValues(event, actor, at),
    )
  }
  const issues: { state: IssueState; event: IssueEvent }[] = []
  for (const event of plan.issueEvents ?? []) {
    issues.push(await writeIssueEvent(w, event.issueId, undefined, () => event))
  }
  return issues
}

async function saveUnit(db: Queryable, unit: UnitRecord): Promise<void> {
  await query(
    db,
    `INSERT INTO units (code, name, kind, active, ordinal)
     VALUES ($1, $2, $3, $4, (SELECT coalesce(max(ordinal), 0) + 1 FROM units))
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, active = excluded.active`,
    [unit.code, unit.name, unit.kind, unit.active],
  )
}

async function saveManager(db: Queryable, m: GridManagerRecord): Promise<void> {
  await query(
    db,
    `INSERT INTO grid_managers (id, name, phone, active, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone, active = excluded.active`,
    [m.id, m.name, m.phone, m.active, m.createdAt],
  )
}

/** Replaces a grid's row in place (its page position stays), or inserts a new one. */
async function saveGrid(db: Queryable, grid: GridFeatureRecord): Promise<void> {
  const def = findCollection(gridsCollectionId)
  if (!def) throw new Error('the collection list has no grids collection')
  const feature: GeoJsonFeature = {
    type: 'Feature',
    id: grid.id,
    geometry: grid.geometry,
    properties: grid.properties,
  }
  const row = toFeatureRow(def, grid.id, feature)
  const columns = Object.values(propertyColumns)
  const params: unknown[] = []
  const sets = columns.map((column, i) => `${column} = ${param(params, row.columns[i] ?? null)}`)
  const updated = await query(
    db,
    `UPDATE features SET geom = ST_SetSRID(ST_GeomFromGeoJSON(${param(params, row.geometry)}::text), 4326),
       ${sets.join(', ')}, json = ${param(params, row.json)}
     WHERE collection = ${param(params, gridsCollectionId)} AND id = ${param(params, grid.id)} RETURNING fid`,
    params,
  )
  if (updated.length === 0) await insertFeatureRows(db, gridsCollectionId, [row])
}

/** The grids' stats row from the rows themselves (grids are few; deletes cannot be subtracted). */
async function recountGrids(db: Queryable): Promise<void> {
  const summary = new CollectionSummary(gridsCollectionId, 0)
  const before = await statsOf(db, gridsCollectionId, true)
  const rows = await query<{ json: string }>(
    db,
    'SELECT json FROM features WHERE collection = $1 ORDER BY fid',
    [gridsCollectionId],
  )
  for (const { json } of rows) {
    const feature = JSON.parse(json) as GeoJsonFeature
    summary.add(bboxOf(feature.geometry), true, undefined, feature.properties ?? {})
  }
  const row = summary.toRow()
  if (before) row.loaded_at = before.loaded_at
  await saveStats(db, row)
}

async function remapUsers(db: Queryable, codes: Map<string, string[]>): Promise<void> {
  const users = await query<{ username: string; grid_codes: unknown }>(
    db,
    "SELECT username, grid_codes FROM users WHERE role IN ('grid-manager', 'grid-member') AND grid_codes IS NOT NULL FOR UPDATE",
  )
  for (const user of users) {
    const after = remapGridCodes(fromJson<string[]>(user.grid_codes), codes)
    if (!after) continue
    await query(db, 'UPDATE users SET grid_codes = $1::text::jsonb WHERE username = $2', [
      JSON.stringify(after),
      user.username,
    ])
  }
}
