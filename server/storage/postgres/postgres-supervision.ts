// 督查 rounds and documents on PostGIS: one row each, lists and content as jsonb, issued files as
// bytea. A trigger (migration 005) keeps issued documents unchanged.
import type { NewRound, Round } from '../../domain/supervision.ts'
import {
  type DocumentRow,
  documentColumns,
  documentFilterColumns,
  issuedValues,
  newDrafts,
  newRounds,
  numberTaken,
  type RoundRow,
  roundValues,
  toDocument,
  toRound,
} from '../supervision-rows.ts'
import {
  type DocumentKind,
  DocumentNotDraft,
  type DocumentRecord,
  type IssuedFiles,
  type NewDocument,
  type RoundChanges,
} from '../supervision-store.ts'
import { whereEquals } from '../where-equals.ts'
import {
  fromJson,
  insertNumbered,
  param,
  type Queryable,
  query,
  queryOne,
  rowById,
} from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresSupervision extends PostgresPart {
  async rounds(): Promise<Round[]> {
    return (
      await query<RoundRow>(this.db, 'SELECT * FROM rounds ORDER BY starts_on DESC, seq DESC')
    ).map(toRound)
  }

  async round(id: string): Promise<Round | undefined> {
    return rowById(this.db, 'rounds', id, toRound)
  }

  async createRound(round: NewRound, at: string): Promise<Round> {
    const row = { ...round, createdAt: at, updatedAt: at }
    return this.write(async (w) =>
      toRound(await insertNumbered(w.tx, 'rounds', 'round', newRounds, row)),
    )
  }

  async updateRound(id: string, changes: RoundChanges, at: string): Promise<Round | undefined> {
    return this.write(async (w) => {
      const row = await queryOne<RoundRow>(w.tx, 'SELECT * FROM rounds WHERE id = $1 FOR UPDATE', [
        id,
      ])
      if (!row) return undefined
      const next = { ...toRound(row), ...changes }
      const updated = await queryOne<RoundRow>(
        w.tx,
        `UPDATE rounds SET kind = $1, number = $2, name = $3, starts_on = $4, ends_on = $5, teams = $6::text::jsonb,
           targets = $7::text::jsonb, updated_at = $8
         WHERE id = $9 RETURNING *`,
        [...roundValues(next), at, id],
      )
      return toRound(updated as RoundRow)
    })
  }

  async documents(filter: { kind?: DocumentKind; unitCode?: string }): Promise<DocumentRecord[]> {
    const params: unknown[] = []
    const where = whereEquals(documentFilterColumns(filter), (value) => param(params, value))
    const rows = await query<DocumentRow>(
      this.db,
      `SELECT ${documentColumns} FROM supervision_documents ${where} ORDER BY seq DESC`,
      params,
    )
    return rows.map(toDocument)
  }

  async document(id: string): Promise<DocumentRecord | undefined> {
    return readDocument(this.db, id)
  }

  async createDraft(doc: NewDocument): Promise<DocumentRecord> {
    const row = { ...doc, status: 'draft' as const, updatedAt: doc.createdAt }
    return this.write(async (w) =>
      toDocument(await insertNumbered(w.tx, 'supervision_documents', 'doc', newDrafts, row)),
    )
  }

  async updateDraft(id: string, content: unknown, at: string): Promise<DocumentRecord | undefined> {
    return this.write(async (w) => {
      const row = await queryOne<DocumentRow>(
        w.tx,
        `UPDATE supervision_documents SET content = $1::text::jsonb, updated_at = $2 WHERE id = $3 AND status = 'draft'
         RETURNING ${documentColumns}`,
        [JSON.stringify(content), at, id],
      )
      return row && toDocument(row)
    })
  }

  async nextDocumentNumber(kind: DocumentKind, year: number): Promise<number> {
    const row = await queryOne<{ n: number }>(
      this.db,
      'SELECT coalesce(max(number), 0) + 1 AS n FROM supervision_documents WHERE kind = $1 AND year = $2',
      [kind, year],
    )
    return row?.n ?? 1
  }

  async issueDocument(id: string, files: IssuedFiles): Promise<DocumentRecord> {
    try {
      return await this.write(async (w) => {
        const current = await queryOne<DocumentRow>(
          w.tx,
          `SELECT ${documentColumns} FROM supervision_documents WHERE id = $1 FOR UPDATE`,
          [id],
        )
        if (current?.status !== 'draft') throw new DocumentNotDraft(id)
        const taken = await queryOne(
          w.tx,
          'SELECT 1 FROM supervision_documents WHERE kind = $1 AND year = $2 AND number = $3',
          [current.kind, files.year, files.number],
        )
        if (taken) throw numberTaken(files)
        const row = await queryOne<DocumentRow>(
          w.tx,
          `UPDATE supervision_documents
           SET status = 'issued', year = $1, number = $2, content = $3::text::jsonb, docx = $4, pdf = $5, issued_by = $6,
               issued_at = $7, updated_at = $7
           WHERE id = $8 RETURNING ${documentColumns}`,
          [...issuedValues(files), id],
        )
        return toDocument(row as DocumentRow)
      })
    } catch (error) {
      // another process issued the same number between our check and our write
      if ((error as { code?: unknown }).code === '23505') throw numberTaken(files)
      throw error
    }
  }

  async documentFile(id: string, format: 'docx' | 'pdf'): Promise<Uint8Array | undefined> {
    const column = format === 'docx' ? 'docx' : 'pdf'
    const row = await queryOne<{ bytes: Buffer | null }>(
      this.db,
      `SELECT ${column} AS bytes FROM supervision_documents WHERE id = $1`,
      [id],
    )
    return row?.bytes ?? undefined
  }

  async receiveDocument(id: string, by: string, at: string): Promise<DocumentRecord | undefined> {
    await this.write(async (w) => {
      await query(
        w.tx,
        "UPDATE supervision_documents SET received_by = $1, received_at = $2 WHERE id = $3 AND status = 'issued' AND received_at IS NULL",
        [by, at, id],
      )
    })
    return readDocument(this.db, id)
  }

  async supervisionSettings(): Promise<Record<string, unknown> | undefined> {
    const row = await queryOne<{ settings: unknown }>(
      this.db,
      'SELECT settings FROM supervision_settings WHERE id = 1',
    )
    return row && fromJson<Record<string, unknown>>(row.settings)
  }

  async saveSupervisionSettings(settings: Record<string, unknown>): Promise<void> {
    await this.write(async (w) => {
      await query(
        w.tx,
        'INSERT INTO supervision_settings (id, settings) VALUES (1, $1::text::jsonb) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings',
        [JSON.stringify(settings)],
      )
    })
  }
}

async function readDocument(db: Queryable, id: string): Promise<DocumentRecord | undefined> {
  const row = await queryOne<DocumentRow>(
    db,
    `SELECT ${documentColumns} FROM supervision_documents WHERE id = $1`,
    [id],
  )
  return row && toDocument(row)
}
