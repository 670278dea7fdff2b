// 调整记录: the audit list (who, when, what), newest first, filterable by grid.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatDateTime } from '../../lib/format.ts'
import { type GridEvent, historyPageSize, historyQuery } from './api.ts'
import { LoadErrorBox } from './error-box.tsx'

const actionLabels: Record<GridEvent['action'], string> = {
  assign: '指派',
  split: '分割',
  merge: '合并',
  reshape: '重绘边界',
  'manager-create': '添加网格长',
  'manager-update': '修改网格长',
  'unit-create': '添加责任单位',
  'unit-update': '修改责任单位',
}

const changeLabels: Record<string, string> = {
  unitCode: '责任单位',
  managerId: '网格长',
  name: '名称',
  phone: '电话',
  active: '状态',
}

export interface HistoryPanelProps {
  selectedGrid: string | undefined
  nameOf: (kind: 'unit' | 'manager', id: string) => string | undefined
}

/** `责任单位 县教育体育局 → 县城市管理局` lines from an event's `changes`. */
export function describeChanges(
  changes: Record<string, unknown> | undefined,
  nameOf: HistoryPanelProps['nameOf'],
): string[] {
  if (!changes) return []
  const show = (key: string, v: unknown): string => {
    if (v === null || v === undefined) return key === 'managerId' ? '未指派' : '—'
    if (typeof v === 'boolean') return key === 'active' ? (v ? '启用' : '停用') : v ? '是' : '否'
    const text = typeof v === 'string' ? v : JSON.stringify(v)
    if (key === 'unitCode') return nameOf('unit', text) ?? text
    if (key === 'managerId') return nameOf('manager', text) ?? text
    return text
  }
  return Object.entries(changes).map(([key, value]) => {
    const label = changeLabels[key] ?? key
    if (Array.isArray(value) && value.length === 2) {
      return `${label} ${show(key, value[0])} → ${show(key, value[1])}`
    }
    return `${label} ${show(key, value)}`
  })
}

export function HistoryPanel({ selectedGrid, nameOf }: HistoryPanelProps) {
  const [grid, setGrid] = useState('')
  const [offset, setOffset] = useState(0)
  const valid = grid === '' || /^\d{15}$/.test(grid)
  const history = useQuery({ ...historyQuery(valid ? grid : '', offset), enabled: valid })
  const total = history.data?.total ?? 0
  return (
    <div className="history" data-testid="history-panel">
      <div className="history__filter">
        <input
          value={grid}
          inputMode="numeric"
          placeholder="按网格编码筛选（15 位）"
          aria-label="网格编码"
          aria-invalid={!valid}
          onChange={(e) => {
            setGrid(e.target.value.trim())
            setOffset(0)
          }}
        />
        {selectedGrid && (
          <button
            type="button"
            className="text-button"
            onClick={() => {
              setGrid(selectedGrid)
              setOffset(0)
            }}
          >
            只看所选网格
          </button>
        )}
        {grid && (
          <button type="button" className="text-button" onClick={() => setGrid('')}>
            全部
          </button>
        )}
      </div>
      {!valid && <p className="form-error">网格编码是 15 位数字，请检查后重新输入。</p>}
      {history.isPending ? (
        <p className="muted">正在加载调整记录…</p>
      ) : history.isError ? (
        <LoadErrorBox message={history.error.message} onRetry={() => history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <p className="empty-note">
          {grid ? `网格 ${grid} 还没有调整记录。` : '还没有任何指派或边界调整记录。'}
        </p>
      ) : (
        <>
          <ol className="history__list">
            {history.data.items.map((e) => (
              <li key={e.seq}>
                <div className="history__head">
                  <strong>{actionLabels[e.action] ?? e.action}</strong>
                  <span>{e.actorName ?? e.actor}</span>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </div>
                {e.gridCodes.length > 0 && (
                  <div className="history__grids">网格 {e.gridCodes.join('、')}</div>
                )}
                {describeChanges(e.changes, nameOf).map((line) => (
                  <div key={line} className="history__change">
                    {line}
                  </div>
                ))}
                {e.note && <div className="history__note">{e.note}</div>}
              </li>
            ))}
          </ol>
          <div className="history__pager">
            <button
              type="button"
              className="text-button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - historyPageSize))}
            >
              上一页
            </button>
            <span>
              第 {offset + 1}–{Math.min(offset + historyPageSize, total)} 条，共 {total}{' '}
              条（北京时间）
            </span>
            <button
              type="button"
              className="text-button"
              disabled={offset + historyPageSize >= total}
              onClick={() => setOffset(offset + historyPageSize)}
            >
              下一页
            </button>
          </div>
        </>
      )}
    </div>
  )
}
