// 督查通报: the draft's content (generated from a PeriodReport, then edited in the browser) and its
// layout as an OfficialDocument. The content is what is stored; issuing fills in the 期号 and freezes it.

import type { Block, OfficialDocument } from '../documents/official-document.ts'
import {
  type AccountabilityRecord,
  accountabilityKindLabels,
  describeCounts,
} from '../domain/accountability.ts'
import { issueCategoryLabels } from '../domain/labels-zh.ts'
import { describeChange, type Period, toChineseDate } from '../domain/period.ts'
import {
  type IssueSource,
  issueSourceLabels,
  type Round,
  roundKindLabels,
} from '../domain/supervision.ts'
import type { PeriodReport, UnitRow } from './period-report.ts'
import type { SupervisionSettings } from './settings.ts'

export interface BulletinContent {
  kind: 'bulletin'
  mastheadName: string
  issuerName: string
  title: string
  period: Pick<Period, 'kind' | 'from' | 'to' | 'label'>
  roundId?: string
  dateText: string // 印发日期, 2026年11月23日
  year?: number // set when issued
  number?: number
  basics: string[] // 一、基本情况 paragraphs
  problems: { heading: string; text: string }[] // 二、存在的问题, one per category
  rankings: string[] // 三、红黑榜 paragraphs
  suggestions: string // 四、下步工作建议, editable; paragraphs separated by blank lines or newlines
  accountability?: string[] // 四、督导问责情况, when steps were taken in the period
  unitTable: string[][] // 附件 rows: 排名, 责任单位, 交办, 按期办结, 逾期, 按期办结率
  reportTo: string
  sendTo: string
}

export interface Names {
  units: ReadonlyMap<string, string>
  townships: ReadonlyMap<string, string>
  checkpoints: ReadonlyMap<string, string>
  issues?: ReadonlyMap<string, string> // issue id → 问题编号, for the 问责 lines
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`)
const nameOf = (names: ReadonlyMap<string, string>, code: string) => names.get(code) ?? code

function teamsText(round: Round): string {
  return round.teams
    .map((t) => {
      const leader = `${t.leader.title ?? ''}${t.leader.name}`
      const members = t.members.map((m) => m.name).join('、')
      return `${t.name}（组长：${leader}${members ? `；成员：${members}` : ''}）`
    })
    .join('，')
}

/** The default 下步工作建议, naming the units that must act. */
export function defaultSuggestions(report: PeriodReport, names: Names): string {
  const black = report.black.map((u) => nameOf(names.units, u.code))
  const overdueUnits = report.units
    .filter((u) => u.overdue > 0)
    .map((u) => nameOf(names.units, u.code))
  const lines = [
    '（一）压实整改责任。各责任单位要对照本期通报问题清单，逐项明确整改责任人和整改时限，确保按期办结、应改尽改。',
    overdueUnits.length
      ? `（二）加快逾期问题整改。${overdueUnits.join('、')}要于3个工作日内完成逾期问题整改，并将整改情况报县创建办。`
      : '（二）巩固整改成效。对已办结问题开展“回头看”，防止问题反弹。',
    black.length
      ? `（三）约谈督办。对列入黑榜的${black.join('、')}，由县创建办约谈单位分管负责人，限期提交整改报告。`
      : '（三）常态长效。各单位要把创建工作纳入日常管理，做到常态长效。',
  ]
  return lines.join('\n')
}

/** 四、督导问责情况: one paragraph in all, then one line per step, in date order. */
export function accountabilityParagraphs(
  records: readonly AccountabilityRecord[],
  names: Names,
): string[] {
  if (records.length === 0) return []
  const sorted = [...records].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn))
  const target = (r: AccountabilityRecord) =>
    nameOf(r.targetKind === 'unit' ? names.units : names.townships, r.targetCode)
  return [
    `本期共实施问责${records.length}起，其中${describeCounts(records).replaceAll(' ', '')}。`,
    ...sorted.map(
      (r, i) =>
        `${i + 1}. ${toChineseDate(r.decidedOn)}，${r.decidedBy}对${target(r)}${accountabilityKindLabels[r.kind]}` +
        (r.issueIds.length
          ? `，涉及问题${r.issueIds.map((id) => names.issues?.get(id) ?? id).join('、')}`
          : '') +
        (r.note ? `（${r.note}）` : '') +
        '。',
    ),
  ]
}

export function bulletinContent(
  report: PeriodReport,
  names: Names,
  settings: SupervisionSettings,
  round: Round | undefined,
  today: string, // YYYY-MM-DD, Beijing
  accountability: readonly AccountabilityRecord[] = [],
): BulletinContent {
  const { figures: f, previousFigures: pf, period } = report
  const who = round
    ? `${period.label}，${teamsText(round)}，对${round.targets.map((t) => t.name).join('、') || '各责任单位'}开展${roundKindLabels[round.kind]}（${round.name}）。`
    : `${period.label}，县创建办对全县创建工作开展督促检查。`
  const sources = Object.entries(f.bySource)
    .filter(([, n]) => n && n > 0)
    .map(([s, n]) => `${s === 'unknown' ? '其他来源' : issueSourceLabels[s as IssueSource]}${n}个`)
    .join('、')
  const basics = [
    who,
    // with nothing found before, 环比 has no base: say so once
    `期间共发现问题${f.found}个（上期${pf.found}个${pf.found ? `，${describeChange(f.found, pf.found)}` : ''}）` +
      (sources ? `，其中${sources}` : '') +
      `；本期办结问题${f.closed}个，逾期未办结${f.overdue}个；本期发现问题办结率${percent(f.closureRate)}（${pf.closureRate === null ? '上期未发现问题' : `上期${percent(pf.closureRate)}`}）。`,
  ]
  const problems = report.categories.map((c, i) => {
    const units = c.units.map((u) => `${nameOf(names.units, u.code)}${u.count}个`).join('、')
    const examples = c.examples
      .map((e) => {
        const p = e.properties
        const place = [
          nameOf(names.townships, p.townshipCode),
          p.checkpointId ? nameOf(names.checkpoints, p.checkpointId) : '',
        ]
          .filter(Boolean)
          .join('')
        return `${place}${p.description}（${nameOf(names.units, p.responsibleUnit)}，${p.issueNo ?? e.id}）`
      })
      .join('；')
    return {
      heading: `（${chineseNumber(i + 1)}）${issueCategoryLabels[c.category]}问题${c.count}个`,
      text: `涉及${units}。典型问题：${examples}。`,
    }
  })
  const listText = (rows: UnitRow[]) =>
    rows
      .map(
        (u) =>
          `${nameOf(names.units, u.code)}（按期办结率${percent(u.rate)}，交办${u.assigned}个）`,
      )
      .join('、')
  const rankings = [
    `红榜：${report.red.length ? listText(report.red) : '无'}。`,
    `黑榜：${report.black.length ? listText(report.black) : '无'}。`,
    `排名规则：按本期交办问题的按期办结率排序，交办不足${report.minIssues}个的单位样本不足、不参与排名；办结率相同的依次比较交办数（多者在前）、逾期数（少者在前）。`,
  ]
  const unitTable = report.units.map((u) => [
    u.rank === undefined ? '—' : String(u.rank),
    nameOf(names.units, u.code),
    String(u.assigned),
    String(u.closedOnTime),
    String(u.overdue),
    percent(u.rate),
  ])
  return {
    kind: 'bulletin',
    mastheadName: settings.mastheadName,
    issuerName: settings.issuerName,
    title: round ? `${round.name}督查情况通报` : `文明城市创建工作督查情况通报（${period.label}）`,
    period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
    ...(round ? { roundId: round.id } : {}),
    dateText: toChineseDate(today),
    basics,
    problems,
    rankings,
    suggestions: defaultSuggestions(report, names),
    ...(accountability.length
      ? { accountability: accountabilityParagraphs(accountability, names) }
      : {}),
    unitTable,
    reportTo: settings.reportTo,
    sendTo: settings.sendTo,
  }
}

export function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九'
  if (n <= 10) return n === 10 ? '十' : (digits[n] ?? String(n))
  if (n < 20) return `十${digits[n - 10]}`
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`
  return String(n)
}

export const unitTableColumns = ['排名', '责任单位', '交办问题', '按期办结', '逾期', '按期办结率']

/** The 通报 as an official document; a draft prints 草稿 where the 期号 goes. */
export function bulletinDocument(c: BulletinContent): OfficialDocument {
  const issueLine = c.number === undefined ? '（草稿，未编号）' : `${c.year}年第${c.number}期`
  const paragraphs = (text: string): Block[] =>
    text
      .split(/\n+/)
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => ({ type: 'paragraph', text: t }))
  const blocks: Block[] = [
    {
      type: 'masthead',
      name: c.mastheadName,
      issueLine,
      issuerLine: `${c.issuerName}  ${c.dateText}`,
    },
    { type: 'title', text: c.title },
    { type: 'heading', level: 1, text: '一、基本情况' },
    ...c.basics.map((t): Block => ({ type: 'paragraph', text: t })),
    { type: 'heading', level: 1, text: '二、存在的问题' },
    ...(c.problems.length
      ? c.problems.flatMap((p): Block[] => [
          { type: 'heading', level: 2, text: p.heading },
          { type: 'paragraph', text: p.text },
        ])
      : [{ type: 'paragraph' as const, text: '本期未发现问题。' }]),
    { type: 'heading', level: 1, text: '三、红黑榜' },
    ...c.rankings.map((t): Block => ({ type: 'paragraph', text: t })),
    ...(c.accountability?.length
      ? [
          { type: 'heading' as const, level: 1 as const, text: '四、督导问责情况' },
          ...c.accountability.map((t): Block => ({ type: 'paragraph', text: t })),
        ]
      : []),
    {
      type: 'heading',
      level: 1,
      text: `${c.accountability?.length ? '五' : '四'}、下步工作建议`,
    },
    ...paragraphs(c.suggestions),
    { type: 'paragraph', text: '' },
    { type: 'paragraph', text: '附件：各责任单位工作责任目标管理任务进展情况表' },
    { type: 'pageBreak' },
    { type: 'paragraph', text: '附件', indent: false },
    {
      type: 'table',
      caption: '各责任单位工作责任目标管理任务进展情况表',
      columns: unitTableColumns,
      widths: [2, 7, 3, 3, 2, 3],
      rows: c.unitTable.length ? c.unitTable : [['—', '本期无交办问题', '0', '0', '0', '—']],
    },
    {
      type: 'record',
      lines: [`报：${c.reportTo}`, `发：${c.sendTo}`, `${c.issuerName}　　　　${c.dateText}印发`],
    },
  ]
  return { title: c.title, blocks }
}
