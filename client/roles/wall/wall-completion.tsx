// The wall's 台账 panel: 台账材料 completion per unit (材料审核) once a 测评体系 gives the units 标准 to
// document; before that, the issues each unit closed on time. Long lists turn pages by themselves.
import { memo, useEffect, useMemo, useState } from 'react'
import type { CompletionRow } from '../../features/stats/api.ts'
import type { MaterialRow, WallView } from '../../features/stats/wall-api.ts'
import { formatCount, formatRate } from './wall-format.ts'
import { type NameOf, Panel } from './wall-panel.tsx'

const completionPageSize = 4 // rows at 24 px in the panel's height
const completionPageSeconds = 12

/** Pages of about completionPageSize rows, turning every completionPageSeconds. */
function usePages(rows: number) {
  const pages = Math.max(1, Math.ceil(rows / completionPageSize))
  const perPage = Math.ceil(rows / pages) // 19 rows: 5 + 5 + 5 + 4, not 6 + 6 + 6 + 1
  const [page, setPage] = useState(0)
  useEffect(() => {
    if (pages <= 1) return
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), completionPageSeconds * 1000)
    return () => clearInterval(timer)
  }, [pages])
  return { pages, perPage, shown: page % pages }
}

/**
 * The 台账 panel: the 台账材料 completion per unit (材料审核: reported ÷ tasks) once a 测评体系 gives
 * the units 标准 to document; before that, the issues closed on time.
 */
export const CompletionPanel = memo(function CompletionPanel(props: {
  view: WallView | undefined
  unitName: NameOf
}) {
  const materials = props.view?.materials
  if (materials && materials.length > 0) {
    return <MaterialsPanel rows={materials} unitName={props.unitName} />
  }
  return <IssueCompletionPanel {...props} />
})

function MaterialsPanel({ rows, unitName }: { rows: MaterialRow[]; unitName: NameOf }) {
  const { pages, perPage, shown } = usePages(rows.length)
  return (
    <Panel
      title="台账材料上报（责任单位）"
      aside={pages > 1 ? `第 ${shown + 1}/${pages} 页` : undefined}
      className="wall-completion"
      testId="panel-completion"
    >
      <ol className="wall-completion__list" data-ready="true" data-mode="materials">
        {rows.slice(shown * perPage, (shown + 1) * perPage).map((row) => {
          const approved = row.tasks ? row.approved / row.tasks : 0
          const waiting = row.tasks ? (row.reported - row.approved) / row.tasks : 0
          const rate = row.reportRate
          const tone = rate === null ? '' : rate >= 0.8 ? 'good' : rate >= 0.5 ? 'mid' : 'bad'
          return (
            <li key={row.unitCode} className="wall-completion__row" data-code={row.unitCode}>
              <span className="wall-completion__name">
                {unitName(row.unitCode) ?? row.unitName ?? row.unitCode}
              </span>
              <span className="wall-completion__bar" aria-hidden="true">
                <span
                  className="wall-completion__on-time"
                  style={{ width: `${approved * 100}%` }}
                />
                <span className="wall-completion__late" style={{ width: `${waiting * 100}%` }} />
              </span>
              <span className="wall-completion__figures">
                <b data-testid="material-reported" data-value={row.reported}>
                  {formatCount(row.reported)}
                </b>
                /<span data-testid="material-tasks">{formatCount(row.tasks)}</span>
              </span>
              <span
                className={`wall-completion__rate wall-rate--${tone}`}
                data-testid="material-report-rate"
                data-value={rate ?? ''}
              >
                {formatRate(rate, 0)}
              </span>
            </li>
          )
        })}
      </ol>
      <p className="wall-note">台账上报率 = 已上报 ÷ 应上报（绿：审核合格，黄：待审核）</p>
    </Panel>
  )
}

function IssueCompletionPanel(props: { view: WallView | undefined; unitName: NameOf }) {
  const completion = { data: props.view?.completion }
  const rows = useMemo(() => (completion.data ?? []).filter((r) => r.due > 0), [completion.data])
  const { pages, perPage, shown } = usePages(rows.length)
  const visible = rows.slice(shown * perPage, (shown + 1) * perPage)
  return (
    <Panel
      title="台账按期办结（责任单位）"
      aside={pages > 1 ? `第 ${shown + 1}/${pages} 页` : undefined}
      className="wall-completion"
      testId="panel-completion"
    >
      <ol className="wall-completion__list" data-ready={completion.data ? 'true' : 'false'}>
        {visible.map((row) => (
          <CompletionItem key={row.unitCode} row={row} name={props.unitName} />
        ))}
        {completion.data && rows.length === 0 ? <li className="wall-empty">暂无到期问题</li> : null}
      </ol>
      <p className="wall-note">按期办结 ÷ 应办结（已销号 + 逾期未销号）</p>
    </Panel>
  )
}

function CompletionItem({ row, name }: { row: CompletionRow; name: NameOf }) {
  const onTime = row.due ? row.closedOnTime / row.due : 0
  const late = row.due ? row.closedLate / row.due : 0
  const tone = row.rate === null ? '' : row.rate >= 0.8 ? 'good' : row.rate >= 0.5 ? 'mid' : 'bad'
  return (
    <li className="wall-completion__row" data-code={row.unitCode}>
      <span className="wall-completion__name">
        {name(row.unitCode) ?? row.unitName ?? row.unitCode}
      </span>
      <span className="wall-completion__bar" aria-hidden="true">
        <span className="wall-completion__on-time" style={{ width: `${onTime * 100}%` }} />
        <span className="wall-completion__late" style={{ width: `${late * 100}%` }} />
      </span>
      <span className="wall-completion__figures">
        <b data-testid="completion-on-time" data-value={row.closedOnTime}>
          {formatCount(row.closedOnTime)}
        </b>
        /
        <span data-testid="completion-due" data-value={row.due}>
          {formatCount(row.due)}
        </span>
      </span>
      <span
        className={`wall-completion__rate wall-rate--${tone}`}
        data-testid="completion-rate"
        data-value={row.rate ?? ''}
      >
        {formatRate(row.rate, 0)}
      </span>
    </li>
  )
}
