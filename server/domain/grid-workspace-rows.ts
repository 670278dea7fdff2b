// The grid workspace's rows as the server sends them (GET /api/grids/rows, /api/grids/workload) and
// the client shows them: types only, so the client imports them from the domain.

/** One grid in the assignment table, with its workload figures for the caller. */
export interface GridRow {
  gridCode: string
  name: string
  townshipCode: string
  townshipName: string
  villageCode: string
  unitCode: string
  unitName: string
  managerId: string | null
  managerName: string | null
  managerPhone: string | null
  areaKm2: number
  fixedPoints: number
  randomPoints: number
  openIssues: number
  overdueIssues: number
  issuesTotal: number
  closureRate: number | null // closed / total; null without issues
  unassigned: boolean // no manager, an inactive manager, or an inactive unit
  editable: boolean // for the caller
}

export type WorkloadBy = 'manager' | 'unit'

export interface WorkloadItem {
  id: string
  name: string
  active: boolean
  townshipCodes: string[]
  grids: number
  openIssues: number
  overdueIssues: number
  points: number
  areaKm2: number
  workload: number
}
