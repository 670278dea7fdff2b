// Whole tables as rows, the same on both stores, for moving a database (npm run db:copy): the tables
// worth copying, their order, and the one row shape both backends read and write. The stores' own
// writes re-stamp what they store (new event seq, new time), so a faithful copy moves rows instead;
// the schema itself always comes from the target store's migrations.

/** A row with values as JavaScript sees them: JSON columns parsed, flags as booleans, blobs as bytes. */
export type Row = Record<string, unknown>

export interface CopiedTable {
  name: string
  /** the order rows are read in (and written, so generated keys keep their order) */
  orderBy: string
  /** columns holding JSON (jsonb on PostGIS, text on SQLite) */
  json?: readonly string[]
  /** columns holding flags (boolean on PostGIS, 0/1 on SQLite) */
  flags?: readonly string[]
}

/**
 * Every table db:copy moves, parents before children (users → units, tokens → users), features before
 * collection_stats (SQLite derives the R*Tree ordinals from the features). Left out: sessions (signing
 * in again is the safe default), rate_limits (minutes-long counters), schema_migrations, the R*Tree
 * and the issue snapshot (each store builds its own).
 */
export const copiedTables: readonly CopiedTable[] = [
  { name: 'units', orderBy: 'code', flags: ['active'] },
  { name: 'users', orderBy: 'username', json: ['grid_codes'], flags: ['active'] },
  { name: 'display_tokens', orderBy: 'token_hash' },
  { name: 'api_tokens', orderBy: 'token_hash' },
  { name: 'meta', orderBy: 'name' },
  { name: 'sequences', orderBy: 'name' },
  { name: 'features', orderBy: 'fid' },
  { name: 'collection_stats', orderBy: 'collection' },
  { name: 'issue_events', orderBy: 'seq', json: ['attachment_ids', 'changes'] },
  { name: 'attachments', orderBy: 'issue_id, created_at, id' },
  { name: 'grid_managers', orderBy: 'id', flags: ['active'] },
  { name: 'grid_codes', orderBy: 'code', json: ['parents', 'children'] },
  { name: 'grid_events', orderBy: 'seq', json: ['grid_codes', 'changes'] },
  { name: 'plans', orderBy: 'seq', json: ['checkpoint_ids', 'weights', 'constraints'] },
  { name: 'rounds', orderBy: 'seq', json: ['teams', 'targets'] },
  { name: 'supervision_documents', orderBy: 'seq', json: ['content'] },
  { name: 'supervision_settings', orderBy: 'id', json: ['settings'] },
  { name: 'reminder_log', orderBy: 'rule_id, issue_id, deadline_at' },
  { name: 'notifications', orderBy: 'id' },
  { name: 'assessment_systems', orderBy: 'year', flags: ['illustrative'] },
  { name: 'assessment_groups', orderBy: 'year, ordinal' },
  {
    name: 'assessment_standards',
    orderBy: 'year, ordinal',
    json: ['lead_units', 'responsible_units', 'support_units'],
    flags: ['veto'],
  },
  { name: 'checklist_items', orderBy: 'code' },
  { name: 'inspections', orderBy: 'seq' },
  { name: 'inspection_results', orderBy: 'inspection_id, ordinal', json: ['attachment_ids'] },
  { name: 'materials', orderBy: 'seq', json: ['report'] },
  { name: 'material_files', orderBy: 'seq' },
  { name: 'material_events', orderBy: 'seq' },
  { name: 'material_handovers', orderBy: 'seq', json: ['material_ids'] },
  { name: 'survey_rounds', orderBy: 'seq', json: ['cells'] },
  { name: 'department_evaluations', orderBy: 'seq' },
]

/** Tables the migrations fill (meta: grids_version): an empty database has rows only here. */
export const seededTables: ReadonlySet<string> = new Set(['meta'])

/** One database's rows, table by table. */
export interface TableRows {
  /** The table's columns in this store. */
  columns(table: string): Promise<string[]>
  count(table: string): Promise<number>
  /** The table's rows in `orderBy` order, in batches; only `columns`. */
  read(table: CopiedTable, columns: readonly string[]): AsyncIterable<Row[]>
  /** Starts the one transaction every write belongs to. */
  begin(): Promise<void>
  /** Appends rows (all `columns`); a seeded table is emptied first. */
  write(table: CopiedTable, columns: readonly string[], rows: readonly Row[]): Promise<void>
  /** Finishes derived state (indexes, counters) and commits. */
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): Promise<void>
}

/** Parses a JSON column's text (SQLite) into its value; other values pass. */
export function fromJsonText(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value
}
