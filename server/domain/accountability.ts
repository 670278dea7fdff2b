// 问责: the accountability steps taken against a unit or a township over its issues, from the mildest
// to the gravest, as the campaign documents name them. Pure.

export const accountabilityKinds = [
  'reminder-talk', // 提醒谈话
  'interview', // 约谈
  'criticism', // 通报批评
  'exposure', // 曝光
  'discipline-referral', // 移交纪检
] as const
export type AccountabilityKind = (typeof accountabilityKinds)[number]

export const accountabilityKindLabels: Readonly<Record<AccountabilityKind, string>> = {
  'reminder-talk': '提醒谈话',
  interview: '约谈',
  criticism: '通报批评',
  exposure: '曝光',
  'discipline-referral': '移交纪检',
}

export const accountabilityTargets = ['unit', 'township'] as const
export type AccountabilityTarget = (typeof accountabilityTargets)[number]

/** The decision's document (a scan or a PDF), stored beside the photos. */
export interface AccountabilityDocument {
  contentType: string
  bytes: number
  sha256: string
  fileName: string // under the attachments folder; ours, never a client's
  uploadedAt: string
}

export interface NewAccountabilityRecord {
  id: string // acc-<hex>
  targetKind: AccountabilityTarget
  targetCode: string
  kind: AccountabilityKind
  decidedOn: string // YYYY-MM-DD, Beijing
  decidedBy: string // who decided: 县创建办, 县纪委监委…
  note: string
  issueIds: string[]
  recordedBy: string // username
  recordedAt: string
}

export interface AccountabilityRecord extends NewAccountabilityRecord {
  document?: AccountabilityDocument
}

export interface AccountabilityFilter {
  targetCode?: string
  kind?: AccountabilityKind
  from?: string // first day, inclusive
  to?: string // last day, inclusive
}

/** Counts by kind, in accountabilityKinds order, leaving out the kinds never taken. */
export function countByKind(
  records: readonly Pick<AccountabilityRecord, 'kind'>[],
): { kind: AccountabilityKind; label: string; count: number }[] {
  return accountabilityKinds
    .map((kind) => ({
      kind,
      label: accountabilityKindLabels[kind],
      count: records.filter((r) => r.kind === kind).length,
    }))
    .filter((c) => c.count > 0)
}

/** 约谈 2 起、通报批评 1 起; empty for none. */
export function describeCounts(records: readonly Pick<AccountabilityRecord, 'kind'>[]): string {
  return countByKind(records)
    .map((c) => `${c.label} ${c.count} 起`)
    .join('、')
}
