// A Store is its parts composed: each backend builds one object per part (the ledger, accounts,
// plans, 督查, …) and puts that part's methods on the store, bound to the part. The method names
// are listed here once, checked against each part's interface: a name missing or extra does not
// compile, so a method added to an interface is forwarded by both backends or by neither.
import type { AccountStore } from './account-store.ts'
import type { AccountabilityStore } from './accountability-store.ts'
import type { AssessmentStore } from './assessment-store.ts'
import type { DepartmentEvaluationStore } from './department-evaluation-store.ts'
import type { GridStore } from './grid-store.ts'
import type { IssueSnapshotStore } from './issue-snapshot-store.ts'
import type { LedgerStore } from './ledger-store.ts'
import type { MaterialStore } from './material-store.ts'
import type { NotificationStore } from './notification-store.ts'
import type { PlanStore } from './plan-store.ts'
import type { SupervisionStore } from './supervision-store.ts'

export interface StoreParts {
  ledger: LedgerStore
  accounts: AccountStore
  plans: PlanStore
  grids: GridStore
  supervision: SupervisionStore
  notifications: NotificationStore
  assessment: AssessmentStore
  materials: MaterialStore
  accountability: AccountabilityStore
  departmentEvaluations: DepartmentEvaluationStore
  issueSnapshots: IssueSnapshotStore
}

/** The Store methods its parts answer. */
export type PartMethods = LedgerStore &
  AccountStore &
  PlanStore &
  GridStore &
  SupervisionStore &
  NotificationStore &
  AssessmentStore &
  MaterialStore &
  AccountabilityStore &
  DepartmentEvaluationStore &
  IssueSnapshotStore

/** Base class of a backend's store: its instances answer the parts' methods, which composeParts
 * defines in the constructor. */
export const PartsBase = class {} as unknown as new () => PartMethods

type Names<T> = { readonly [K in keyof T]-?: true }

const partMethods: { readonly [P in keyof StoreParts]: Names<StoreParts[P]> } = {
  ledger: {
    ...{ issue: true, listIssues: true, issueEvents: true, issueEventsAfter: true },
    ...{ latestIssueEvents: true, createIssues: true, appendIssueEvent: true },
    ...{ transactIssue: true, addAttachment: true, attachment: true, issueAttachments: true },
    ...{ units: true, seedUnits: true },
  },
  accounts: {
    ...{ user: true, users: true, createUser: true, setPassword: true, createSession: true },
    ...{ sessionUser: true, extendSession: true, deleteSession: true },
    ...{ deleteExpiredSessions: true, replaceDisplayTokens: true, hasDisplayToken: true },
    ...{ displayTokenCount: true, addApiToken: true, apiTokenUser: true, revokeApiTokens: true },
  },
  plans: { plans: true, plan: true, createPlan: true, updatePlan: true, deletePlan: true },
  grids: {
    ...{ gridsVersion: true, gridFeatures: true, gridManagers: true, gridCodes: true },
    ...{ checkpointCounts: true, gridEvents: true, transactGrids: true },
  },
  supervision: {
    ...{ rounds: true, round: true, createRound: true, updateRound: true, documents: true },
    ...{ document: true, createDraft: true, updateDraft: true, nextDocumentNumber: true },
    ...{ issueDocument: true, documentFile: true, receiveDocument: true },
    ...{ supervisionSettings: true, saveSupervisionSettings: true },
  },
  notifications: {
    ...{ deliverReminders: true, notifications: true, addNotifications: true },
    ...{ unreadCount: true, markRead: true, reminderRules: true, saveReminderRules: true },
    ...{ reminderChannels: true, saveReminderChannels: true, enqueueOutbox: true },
    ...{ claimOutbox: true, finishOutbox: true, outbox: true },
  },
  assessment: {
    ...{ assessmentYears: true, assessmentSystem: true, saveAssessmentSystem: true },
    ...{ checklistItems: true, seedChecklistItems: true, recordInspection: true },
    ...{ inspection: true, inspections: true, latestInspections: true },
  },
  materials: {
    ...{ materials: true, material: true, openMaterial: true, saveReport: true },
    ...{ addMaterialFile: true, removeMaterialFile: true, materialFile: true },
    ...{ moveMaterial: true, materialEvents: true, materialsRevision: true },
    ...{ handovers: true, handover: true, addHandover: true, receiveHandover: true },
    ...{ surveyRounds: true, surveyRound: true, addSurveyRound: true, deleteSurveyRound: true },
  },
  accountability: {
    ...{ addAccountability: true, accountability: true, accountabilityRecords: true },
    ...{ setAccountabilityDocument: true },
  },
  departmentEvaluations: { addDepartmentEvaluation: true, departmentEvaluations: true },
  issueSnapshots: { issueSnapshot: true, saveIssueSnapshot: true },
}

/** Puts every part's methods on `host` as its own properties, each bound to its part. */
export function composeParts(host: object, parts: StoreParts): void {
  for (const [part, names] of Object.entries(partMethods)) {
    const target = parts[part as keyof StoreParts] as unknown as Record<string, unknown>
    for (const name of Object.keys(names)) {
      const method = target[name]
      if (typeof method !== 'function') throw new Error(`store part ${part} has no ${name}()`)
      Object.defineProperty(host, name, {
        value: method.bind(target),
        writable: true,
        configurable: true,
      })
    }
  }
}
