// The 督查 part of the Store: inspection rounds, and the documents (督查通报, 整改通知书) drafted from the
// ledger and issued with a number per kind and year. Issued documents are archived unchanged.
import type { NewRound, Round } from '../domain/supervision.ts'

export const documentKinds = ['bulletin', 'notice'] as const
export type DocumentKind = (typeof documentKinds)[number]

export interface DocumentRecord {
  id: string // doc-0001
  kind: DocumentKind
  status: 'draft' | 'issued'
  year?: number
  number?: number
  unitCode?: string // notices
  roundId?: string
  content: unknown // JSON the renderers read (BulletinContent / NoticeContent)
  createdBy: string
  createdAt: string
  updatedAt: string
  issuedBy?: string
  issuedAt?: string
  receivedBy?: string
  receivedAt?: string
}

export interface NewDocument {
  kind: DocumentKind
  unitCode?: string
  roundId?: string
  content: unknown
  createdBy: string
  createdAt: string
}

export interface IssuedFiles {
  year: number
  number: number
  content: unknown // with the number filled in
  docx: Uint8Array
  pdf: Uint8Array
  issuedBy: string
  issuedAt: string
}

export type RoundChanges = Partial<Omit<Round, 'id' | 'createdAt' | 'createdBy' | 'updatedAt'>>

export interface SupervisionStore {
  /** Every round, newest start first. */
  rounds(): Promise<Round[]>
  round(id: string): Promise<Round | undefined>
  createRound(round: NewRound, at: string): Promise<Round>
  /** The round after the changes, or undefined when there is none. */
  updateRound(id: string, changes: RoundChanges, at: string): Promise<Round | undefined>
  /** Documents (without their files), newest first, optionally of one kind or addressed to one unit. */
  documents(filter: { kind?: DocumentKind; unitCode?: string }): Promise<DocumentRecord[]>
  document(id: string): Promise<DocumentRecord | undefined>
  createDraft(doc: NewDocument): Promise<DocumentRecord>
  /** Replaces a draft's content; undefined when there is no such draft (issued ones never change). */
  updateDraft(id: string, content: unknown, at: string): Promise<DocumentRecord | undefined>
  /** The next free number of the kind in the year (max + 1). */
  nextDocumentNumber(kind: DocumentKind, year: number): Promise<number>
  /**
   * Issues a draft with its files, if the number is still free and the document still a draft.
   * Throws DocumentNumberTaken (render again with the next number) or DocumentNotDraft.
   */
  issueDocument(id: string, files: IssuedFiles): Promise<DocumentRecord>
  /** The issued DOCX or PDF bytes, unchanged since issuing. */
  documentFile(id: string, format: 'docx' | 'pdf'): Promise<Uint8Array | undefined>
  /** Records the receipt (签收) once; returns the record, or undefined when there is none. */
  receiveDocument(id: string, by: string, at: string): Promise<DocumentRecord | undefined>
  supervisionSettings(): Promise<Record<string, unknown> | undefined>
  saveSupervisionSettings(settings: Record<string, unknown>): Promise<void>
}

export class DocumentNumberTaken extends Error {
  override name = 'DocumentNumberTaken'
}

export class DocumentNotDraft extends Error {
  override name = 'DocumentNotDraft'
  constructor(id: string) {
    super(`文书 ${id} 已印发，不能修改`)
  }
}
