// How fresh the planning results are: the server computes on a snapshot of the issue ledger renewed
// at most once a minute and says when it was taken (`dataAsOf`); this line tells the planner.
import { countyFormat, minuteParts } from '../../lib/format.ts'

const shanghai = countyFormat({ month: 'numeric', day: 'numeric', ...minuteParts })

/** `问题数据截至 11月23日 09:41（每分钟更新）` in Beijing time; undefined for a bad instant. */
export function dataAsOfLabel(iso: string): string | undefined {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return undefined
  const p: Record<string, string> = {}
  for (const part of shanghai.formatToParts(date)) p[part.type] = part.value
  return `问题数据截至 ${p.month}月${p.day}日 ${p.hour}:${p.minute}（每分钟更新）`
}

/** The older of several answers' times (a tab built from two answers is as fresh as the older). */
export function olderDataAsOf(...isos: (string | undefined)[]): string | undefined {
  const known = isos.filter((iso): iso is string => Boolean(iso && dataAsOfLabel(iso)))
  return known.sort((a, b) => Date.parse(a) - Date.parse(b))[0]
}

export interface DataAsOfProps {
  iso: string | undefined // the shown result's dataAsOf
  loading: boolean // a result is on its way
  idle?: string // why there is no time yet, e.g. the tab computes on demand
}

export function DataAsOf({ iso, loading, idle }: DataAsOfProps) {
  const label = iso ? dataAsOfLabel(iso) : undefined
  return (
    <div className="plan-freshness" data-testid="data-as-of">
      {label ? (
        <span title="规划计算使用问题台账的快照，快照至多每分钟更新一次，结果可能比台账晚一两分钟">
          {label}
        </span>
      ) : loading ? (
        <span className="muted">正在计算，完成后显示问题数据的时间…</span>
      ) : (
        <span className="muted">{idle ?? '问题数据每分钟更新；计算后显示数据时间'}</span>
      )}
    </div>
  )
}
