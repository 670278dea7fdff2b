// 督查 rounds and documents on SQLite: one row each, lists and content as JSON text, issued files as
// BLOBs. Triggers (migration 010) keep issued documents unchanged.
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
  type SupervisionStore,
} from '../supervision-store.ts'
import { whereEquals } from '../where-equals.ts'
import { SqlitePart } from './sqlite-part.ts'

export class SqliteSupervision extends SqlitePart implements SupervisionStore {
  async rounds(): Promise<Round[]> {
    const rows = this.prepare(
      'SELECT * FROM rounds ORDER BY starts_on DESC, seq DESC',
    ).all() as RoundRow[]
    return rows.map(toRound)
  }

  async round(id: string): Promise<Round | undefined> {
    return this.rowById('rounds', id, toRound)
  }

  async createRound(round: NewRound, at: string): Promise<Round> {
    const row = { ...round, createdAt: at, updatedAt: at }
    return this.transaction(() => toRound(this.insertNumbered('rounds', 'round', newRounds, row)))
  }

  async updateRound(id: string, changes: RoundChanges, at: string): Promise<Round | undefined> {
    return this.transaction(() => {
      const row = this.prepare('SELECT * FROM rounds WHERE id = ?').get(id) as RoundRow | undefined
      if (!row) return undefined
      const next = { ...toRound(row), ...changes }
      this.prepare(
        `UPDATE rounds SET kind = ?, number = ?, name = ?, starts_on = ?, ends_on = ?, teams = ?, targets = ?, updated_at = ?
         WHERE id = ?`,
      ).run(...roundValues(next), at, id)
      return toRound(this.prepare('SELECT * FROM rounds WHERE id = ?').get(id) as RoundRow)
    })
  }

  async documents(filter: { kind?: DocumentKind; unitCode?: string }): Promise<DocumentRecord[]> {
    const params: unknown[] = []
    const where = whereEquals(documentFilterColumns(filter), (value) => {
      params.push(value)
      return '?'
    })
    const rows = this.prepare(
      `SELECT ${documentColumns} FROM supervision_documents ${where} ORDER BY seq DESC`,
    ).all(...params) as DocumentRow[]
    return rows.map(toDocument)
  }

  async document(id: string): Promise<DocumentRecord | undefined> {
    return this.readDocument(id)
  }

  async createDraft(doc: NewDocument): Promise<DocumentRecord> {
    const row = { ...doc, status: 'draft' as const, updatedAt: doc.createdAt }
    return this.transaction(() =>
      toDocument(this.insertNumbered('supervision_documents', 'doc', newDrafts, row)),
    )
  }

  async updateDraft(id: string, content: unknown, at: string): Promise<DocumentRecord | undefined> {
    const { changes } = this.prepare(
      "UPDATE supervision_documents SET content = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
    ).run(JSON.stringify(content), at, id)
    return changes ? this.readDocument(id) : undefined
  }

  async nextDocumentNumber(kind: DocumentKind, year: number): Promise<number> {
    return (
      (this.prepare(
        'SELECT coalesce(max(number), 0) + 1 FROM supervision_documents WHERE kind = ? AND year = ?',
      )
        .pluck()
        .get(kind, year) as number) ?? 1
    )
  }

  async issueDocument(id: string, files: IssuedFiles): Promise<DocumentRecord> {
    return this.transaction(() => {
      const current = this.readDocument(id)
      if (current?.status !== 'draft') throw new DocumentNotDraft(id)
      const taken = this.prepare(
        'SELECT 1 FROM supervision_documents WHERE kind = ? AND year = ? AND number = ?',
      ).get(current.kind, files.year, files.number)
      if (taken) throw numberTaken(files)
      this.prepare(
        `UPDATE supervision_documents
         SET status = 'issued', year = ?, number = ?, content = ?, docx = ?, pdf = ?, issued_by = ?, issued_at = ?, updated_at = ?
         WHERE id = ?`,
      ).run(...issuedValues(files), files.issuedAt, id)
      return this.readDocument(id) as DocumentRecord
    })
  }

  async documentFile(id: string, format: 'docx' | 'pdf'): Promise<Uint8Array | undefined> {
    const column = format === 'docx' ? 'docx' : 'pdf'
    const bytes = this.prepare(`SELECT ${column} FROM supervision_documents WHERE id = ?`)
      .pluck()
      .get(id) as Buffer | null | undefined
    return bytes ?? undefined
  }

  async receiveDocument(id: string, by: string, at: string): Promise<DocumentRecord | undefined> {
    this.prepare(
      "UPDATE supervision_documents SET received_by = ?, received_at = ? WHERE id = ? AND status = 'issued' AND received_at IS NULL",
    ).run(by, at, id)
    return this.readDocument(id)
  }

  async supervisionSettings(): Promise<Record<string, unknown> | undefined> {
    const text = this.prepare('SELECT settings FROM supervision_settings WHERE id = 1')
      .pluck()
      .get() as string | undefined
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>)
  }

  async saveSupervisionSettings(settings: Record<string, unknown>): Promise<void> {
    this.prepare(
      'INSERT INTO supervision_settings (id, settings) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings',
    ).run(JSON.stringify(settings))
  }

  private readDocument(id: string): DocumentRecord | undefined {
    const row = this.prepare(
      `SELECT ${documentColumns} FROM supervision_documents WHERE id = ?`,
    ).get(id) as DocumentRow | undefined
    return row && toDocument(row)
  }
}
