// The 材料审核 part of the Store: 台账材料 (one per 标准 × unit × year) with their files' metadata (the
// bytes live in the attachments folder), their history, and the 签字移交 records; and the 问卷调查
// rounds. Keyed by the 标准's code string: the 测评体系 itself is stored elsewhere.
import type {
  Material,
  MaterialAction,
  MaterialFile,
  MaterialReport,
  MaterialStatus,
} from '../domain/material.ts'
import type { NewSurveyRound, SurveyRound } from '../domain/survey.ts'

export interface MaterialFilter {
  year?: number
  unitCode?: string
  standardCode?: string
  status?: MaterialStatus
}

export interface MaterialEvent {
  seq: number
  materialId: string
  action: MaterialAction | 'create' | 'report' | 'upload' | 'remove-file'
  by: string
  at: string
  note?: string // a return's reason, a file's title
}

/** 签字移交: a unit hands the approved materials over, signed by its principal leader. */
export interface Handover {
  id: string // handover-0001
  year: number
  unitCode: string
  materialIds: string[]
  signedByName: string // 主要领导 who signed
  signedByTitle: string
  signedOn: string // YYYY-MM-DD, the day signed
  handedOverBy: string // the operator's username
  createdAt: string
  receivedBy?: string // the 创建办's username
  receivedAt?: string
}

export type NewHandover = Omit<Handover, 'id' | 'receivedBy' | 'receivedAt'>

/** A material's move between statuses (see moveMaterial). */
export interface MaterialMove {
  from: readonly MaterialStatus[]
  to: MaterialStatus
  action: MaterialAction
  by: string
  at: string
  reason?: string
}

export interface MaterialStore {
  /** Materials without history, oldest first; each with its files. */
  materials(filter: MaterialFilter): Promise<Material[]>
  material(id: string): Promise<Material | undefined>
  /** The unit's material for the 标准 and year, created as a draft when there is none. */
  openMaterial(
    key: { year: number; standardCode: string; unitCode: string },
    by: string,
    at: string,
  ): Promise<Material>
  /** Replaces the 说明报告 while `expect` still holds; undefined when the status moved on. */
  saveReport(
    id: string,
    report: MaterialReport,
    expect: readonly MaterialStatus[],
    by: string,
    at: string,
  ): Promise<Material | undefined>
  addMaterialFile(file: MaterialFile, expect: readonly MaterialStatus[]): Promise<boolean>
  removeMaterialFile(
    id: string,
    fileId: string,
    expect: readonly MaterialStatus[],
    by: string,
    at: string,
  ): Promise<MaterialFile | undefined>
  materialFile(fileId: string): Promise<MaterialFile | undefined>
  /**
   * Moves the material from one of `from` to `to` and records the action; undefined when it is no
   * longer in `from` (someone acted first).
   */
  moveMaterial(id: string, change: MaterialMove): Promise<Material | undefined>
  materialEvents(id: string): Promise<MaterialEvent[]>
  /** Highest material event seq: any write to materials moves it (views key their caches on it). */
  materialsRevision(): Promise<number>
  handovers(filter: { year?: number; unitCode?: string }): Promise<Handover[]>
  handover(id: string): Promise<Handover | undefined>
  addHandover(handover: NewHandover): Promise<Handover>
  /** Records the 创建办's receipt once; undefined when there is no such handover. */
  receiveHandover(id: string, by: string, at: string): Promise<Handover | undefined>

  surveyRounds(): Promise<SurveyRound[]>
  surveyRound(id: string): Promise<SurveyRound | undefined>
  addSurveyRound(round: NewSurveyRound, by: string, at: string): Promise<SurveyRound>
  deleteSurveyRound(id: string): Promise<boolean>
}
