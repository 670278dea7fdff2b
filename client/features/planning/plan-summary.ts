// A plan's summary (summarisePlan on the server) as labelled rows for tables and CSV. Pure.
import { checkpointCategoryLabels } from '../../../server/domain/labels-zh.ts'
import type { PlanSummary } from './api.ts'

export interface SummaryRow {
  key: string
  label: string
  value: string
}

function num(v: unknown, digits = 1): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits).replace(/\.0+$/, '') : '—'
}

/** The headline numbers, then per township, then per category (names via the lookup). */
export function summaryRows(
  summary: PlanSummary | undefined,
  townshipName: (code: string) => string = (c) => c,
): SummaryRow[] {
  if (!summary) return []
  const rows: SummaryRow[] = [
    { key: 'size', label: '点位数', value: num(summary.size, 0) },
    { key: 'meanScore', label: '平均得分', value: num(summary.meanScore) },
    { key: 'totalScore', label: '总得分', value: num(summary.totalScore) },
    {
      key: 'minSpacingM',
      label: '实际最小间距（米）',
      value: summary.minSpacingM === null ? '—（不足 2 个点）' : num(summary.minSpacingM, 0),
    },
    {
      key: 'violations',
      label: '未满足的约束',
      value: summary.violations?.length ? summary.violations.join('；') : '无',
    },
  ]
  for (const [code, n] of Object.entries(summary.byTownship ?? {}))
    rows.push({ key: `township:${code}`, label: townshipName(code), value: String(n) })
  for (const [category, n] of Object.entries(summary.byCategory ?? {}))
    rows.push({
      key: `category:${category}`,
      label: (checkpointCategoryLabels as Record<string, string>)[category] ?? category,
      value: String(n),
    })
  return rows
}

/** Rows of two summaries side by side, matched by key; a key only one has shows — on the other. */
export function pairRows(
  a: SummaryRow[],
  b: SummaryRow[],
): { key: string; label: string; a: string; b: string }[] {
  const byKey = new Map<string, { key: string; label: string; a: string; b: string }>()
  for (const r of a) byKey.set(r.key, { key: r.key, label: r.label, a: r.value, b: '—' })
  for (const r of b) {
    const row = byKey.get(r.key)
    if (row) row.b = r.value
    else
      byKey.set(r.key, {
        key: r.key,
        label: r.label,
        a: r.key.includes(':') ? '0' : '—',
        b: r.value,
      })
  }
  for (const row of byKey.values()) if (row.key.includes(':') && row.b === '—') row.b = '0'
  return [...byKey.values()]
}
