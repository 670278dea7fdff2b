// 1公里与沿线: per township the villages within the seat radius with their open issues and a status;
// corridors (示意道路 from the county seat to each township seat, and the rivers) buffered by a
// chosen width, with the issues along each counted and listed.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { toCssColor } from '../../lib/legend.ts'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { TableHead } from '../../ui/data-table.tsx'
import { DisclosureButton } from '../../ui/disclosure-button.tsx'
import { SelectOptions } from '../../ui/labelled-select.tsx'
import type { Corridor, NearbyIssue, SeatRadiusTownship } from './api.ts'
import { corridorsQuery, seatRadiusQuery } from './api.ts'
import type { CsvColumn } from './csv.ts'
import { radiusStatusColors, radiusStatusLabels } from './layers.ts'
import { ListTools, useFilteredList } from './list-tools.tsx'
import { QueryProgress } from './progress.tsx'

export interface FocusPanelProps {
  radiusM: number
  onRadiusChange: (m: number) => void
  widthM: number
  onWidthChange: (m: number) => void
  townshipName: (code: string) => string
  onFocus: (lngLat: [number, number]) => void
}

export const widthChoicesM = [50, 100, 200, 500, 1000, 2000] as const
export const radiusChoicesM = [500, 1000, 2000, 3000] as const

function StatusChip({ status }: { status: keyof typeof radiusStatusColors }) {
  return (
    <span className="chip" style={{ backgroundColor: toCssColor(radiusStatusColors[status]) }}>
      {radiusStatusLabels[status]}
    </span>
  )
}

const villageCsv: CsvColumn<{
  t: SeatRadiusTownship
  v: SeatRadiusTownship['villages'][number]
  tn: string
}>[] = [
  { header: '乡镇', value: (r) => r.tn },
  { header: '村/社区代码', value: (r) => r.v.code },
  { header: '村/社区', value: (r) => r.v.name },
  { header: '未办结问题', value: (r) => r.v.open },
  { header: '逾期问题', value: (r) => r.v.overdue },
  { header: '问题总数', value: (r) => r.v.total },
  { header: '状态', value: (r) => radiusStatusLabels[r.v.status] },
]

const corridorCsv: CsvColumn<Corridor>[] = [
  { header: '编号', value: (c) => c.id },
  { header: '走廊', value: (c) => c.name },
  { header: '类型', value: (c) => (c.kind === 'river' ? '沿河' : '示意道路') },
  { header: '长度（公里）', value: (c) => Math.round(c.lengthKm * 10) / 10 },
  { header: '问题总数', value: (c) => c.total },
  { header: '未办结', value: (c) => c.open },
  { header: '逾期', value: (c) => c.overdue },
  { header: '未办结问题编号', value: (c) => c.openIssues.map((i) => issueLabel(i)).join(' ') },
]

export function FocusPanel(props: FocusPanelProps) {
  const { radiusM, widthM, townshipName, onFocus } = props
  const seat = useQuery(seatRadiusQuery(radiusM))
  const corridors = useQuery(corridorsQuery(widthM))
  const [onlyProblems, setOnlyProblems] = useState(false)
  const tName = (t: SeatRadiusTownship) => t.name || townshipName(t.code)
  const townships = seat.data?.townships ?? []
  const villageList = useFilteredList(
    townships.flatMap((t) => t.villages.map((v) => ({ t, v, tn: tName(t) }))),
    (r) => [r.v.name, r.v.code, r.tn],
    (r) => !onlyProblems || r.v.status !== 'clean',
  )
  const villageRows = villageList.rows
  const corridorList = useFilteredList(corridors.data?.corridors ?? [], (c) => [c.name, c.id])
  return (
    <div className="plan-tab" data-testid="focus-panel">
      <p className="plan-intro">
        各乡镇须整治政府所在地 1 公里范围内的村/社区，以及“主城区至各乡镇沿途沿路沿水”。道路为
        <strong>示意道路</strong>（合成线路，非真实道路数据），待导入真实路网后替换。
      </p>
      <section className="plan-section" aria-label="1公里范围">
        <h3 className="plan-h3">
          乡镇政府所在地{' '}
          <DistanceSelect
            value={radiusM}
            choices={radiusChoicesM}
            label="范围半径"
            format={(m) => (m >= 1000 ? `${m / 1000} 公里` : `${m} 米`)}
            testId="radius-select"
            onChange={props.onRadiusChange}
          />{' '}
          范围内的村/社区
        </h3>
        <QueryProgress query={seat} label="正在统计范围内的村/社区和问题…" />
        {seat.data && (
          <>
            <ListTools
              list={villageList}
              placeholder="筛选村/社区、乡镇"
              csv={{ stem: `乡镇${radiusM}米范围村社区`, columns: villageCsv }}
            >
              <CheckboxLine checked={onlyProblems} onChange={setOnlyProblems}>
                只看有问题的
              </CheckboxLine>
            </ListTools>
            <ul className="plan-townships" data-testid="seat-radius-list">
              {townships.map((t) => {
                const villages = villageRows.filter((r) => r.t === t)
                if (villages.length === 0 && (villageList.query || onlyProblems)) return null
                return (
                  <li key={t.code}>
                    <details>
                      <summary>
                        <strong>{tName(t)}</strong> <StatusChip status={t.status} />
                        <span className="muted">
                          {' '}
                          {t.villages.length} 个村/社区 · 未办结 {t.open} · 逾期 {t.overdue}
                        </span>
                        {t.lngLat && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={(e) => {
                              e.preventDefault()
                              if (t.lngLat) onFocus(t.lngLat)
                            }}
                          >
                            定位
                          </button>
                        )}
                      </summary>
                      {t.villages.length === 0 ? (
                        <p className="plan-empty">
                          范围内没有村委会/社区点位（村点位按村委会驻地计）。
                        </p>
                      ) : (
                        <table className="plan-table">
                          <TableHead headings={['村/社区', '未办结', '逾期', '总数', '状态']} />
                          <tbody>
                            {villages.map(({ v }) => (
                              <tr key={v.code}>
                                <td>{v.name}</td>
                                <td>{v.open}</td>
                                <td>{v.overdue}</td>
                                <td>{v.total}</td>
                                <td>
                                  <StatusChip status={v.status} />
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      )}
                    </details>
                  </li>
                )
              })}
            </ul>
          </>
        )}
      </section>
      <section className="plan-section" aria-label="沿线走廊">
        <h3 className="plan-h3">
          沿线走廊：每侧宽度{' '}
          <DistanceSelect
            value={widthM}
            choices={widthChoicesM}
            label="走廊宽度"
            testId="corridor-width"
            onChange={props.onWidthChange}
          />
        </h3>
        <QueryProgress query={corridors} label="正在计算走廊缓冲区和沿线问题…" />
        {corridors.data && (
          <>
            <ListTools
              list={corridorList}
              placeholder="筛选走廊名称"
              csv={{ stem: `沿线走廊${widthM}米`, columns: corridorCsv }}
            />
            {corridorList.rows.length === 0 ? (
              <p className="plan-empty">
                {corridors.data.corridors.length === 0
                  ? '没有道路或河流线路数据，无法生成走廊。'
                  : '没有符合筛选条件的走廊。'}
              </p>
            ) : (
              <table className="plan-table" data-testid="corridor-table">
                <TableHead headings={['走廊', '长度', '问题', '未办结', '逾期']} />
                <tbody>
                  {corridorList.rows.map((c) => (
                    <CorridorRow key={c.id} corridor={c} onFocus={onFocus} />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </div>
  )
}

function CorridorRow({
  corridor: c,
  onFocus,
}: {
  corridor: Corridor
  onFocus: (lngLat: [number, number]) => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <tr>
        <td>
          <DisclosureButton open={open} onOpenChange={setOpen} className="link-button">
            {open ? '▾' : '▸'} {c.name}
          </DisclosureButton>
          {c.kind === 'road' && <span className="muted"> 示意</span>}
        </td>
        <td>{c.lengthKm.toFixed(1)} 公里</td>
        <td>{c.total}</td>
        <td>{c.open}</td>
        <td>{c.overdue}</td>
      </tr>
      {open && (
        <tr className="plan-subrow">
          <td colSpan={5}>
            {c.openIssues.length === 0 ? (
              <p className="plan-empty">该走廊内没有未办结问题。</p>
            ) : (
              <ul className="plan-issues">
                {c.openIssues.map((i) => (
                  <IssueLine key={i.id} issue={i} onFocus={onFocus} />
                ))}
              </ul>
            )}
            {c.openIssues.length >= 200 && <p className="muted">只列出离线路最近的 200 条。</p>}
          </td>
        </tr>
      )}
    </>
  )
}

function IssueLine({
  issue: i,
  onFocus,
}: {
  issue: NearbyIssue
  onFocus: (lngLat: [number, number]) => void
}) {
  const category = i.category
    ? ((issueCategoryLabels as Record<string, string>)[i.category] ?? i.category)
    : ''
  const status = i.status
    ? ((issueStatusLabels as Record<string, string>)[i.status] ?? i.status)
    : ''
  return (
    <li>
      {i.lngLat ? (
        <button type="button" className="link-button" onClick={() => i.lngLat && onFocus(i.lngLat)}>
          {issueLabel(i)}
        </button>
      ) : (
        issueLabel(i)
      )}{' '}
      {category} {status && `· ${status}`}{' '}
      {i.overdue && <strong className="plan-warn">逾期</strong>}{' '}
      {typeof i.distanceM === 'number' && (
        <span className="muted">距线路 {Math.round(i.distanceM)} 米</span>
      )}
    </li>
  )
}

/** A distance picked from a few choices in metres, shown in 米 unless `format` says otherwise. */
function DistanceSelect(props: {
  value: number
  choices: readonly number[]
  label: string
  testId: string
  format?: (metres: number) => string
  onChange: (metres: number) => void
}) {
  const format = props.format ?? ((m: number) => `${m} 米`)
  return (
    <select
      value={props.value}
      aria-label={props.label}
      data-testid={props.testId}
      onChange={(e) => props.onChange(Number(e.target.value))}
    >
      <SelectOptions
        options={props.choices.map((m) => ({
          value: String(m),
          label: format(m),
        }))}
      />
    </select>
  )
}
