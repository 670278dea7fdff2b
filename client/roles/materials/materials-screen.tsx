// 材料审核 (/materials): a unit operator sees the 标准 their unit documents with the days left (倒排工期),
// uploads documents and photos, writes the 说明报告's five elements, submits, and records the 签字移交;
// the 创建办 filters and exports every unit's tasks, reviews (合格 / 退回 with a reason), sees completion
// per unit and per 标准 and receives the handovers; 问卷调查 rounds are imported and summarised with
// their confidence intervals; the 部门评价 result is entered and kept with its history. Works at
// phone width. A thin composition of the materials feature.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { materialStatusLabels } from '../../../server/domain/material.ts'
import {
  exportUrl,
  type MaterialTask,
  type TaskFilter,
  tasksQuery,
  unitsQuery,
} from '../../features/materials/api.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { OfficeScreen } from '../shared/office-screen.tsx'
import { CompletionTab, HandoverForm } from './completion-tab.tsx'
import { DepartmentTab } from './department-tab.tsx'
import { MaterialPanel } from './material-panel.tsx'
import { SurveysTab } from './surveys-tab.tsx'
import { SystemTab } from './system-tab.tsx'
import './materials.css'
import { optionsOf, SelectOptions } from '../../ui/labelled-select.tsx'
import { codeNameOptions } from '../shared/options.ts'

const reviewers = new Set(['inspector', 'admin'])
const readers = new Set(['inspector', 'admin', 'commander', 'planner'])
const taskStatusLabel = (s: MaterialTask['status']) =>
  s === 'missing' ? '未建立' : materialStatusLabels[s]

// the task filter's states: 未建立 first, then a material's own
const statusOptions = [
  { value: 'missing', label: '未建立' },
  ...optionsOf(['draft', 'submitted', 'approved', 'returned'] as const, materialStatusLabels),
]

type Tab = 'tasks' | 'completion' | 'surveys' | 'departments' | 'system'

export function MaterialsScreen() {
  return (
    <OfficeScreen<Tab>
      block="materials"
      title="材料审核 · 台账材料"
      initialTab="tasks"
      tabsFor={(user) => [
        ['tasks', user.role === 'unit-operator' ? '本单位台账' : '台账任务与审核'],
        ...(readers.has(user.role)
          ? ([
              ['completion', '完成情况与移交'],
              ['surveys', '问卷调查'],
              ['departments', '部门评价'],
              ['system', '测评体系'],
            ] as const)
          : []),
      ]}
      loggedOut="请先登录。责任单位经办人上报本单位的台账材料；创建办（督导员、管理员）审核；指挥长、规划人员查看完成情况。"
    >
      {(user, tab) => (
        <>
          {tab === 'tasks' && (
            <TasksTab
              username={user.username}
              role={user.role}
              canReview={reviewers.has(user.role)}
            />
          )}
          {tab === 'completion' && (
            <CompletionTab username={user.username} canReceive={reviewers.has(user.role)} />
          )}
          {tab === 'surveys' && <SurveysTab canEdit={reviewers.has(user.role)} />}
          {tab === 'departments' && <DepartmentTab canEdit={reviewers.has(user.role)} />}
          {tab === 'system' && (
            <SystemTab canImport={user.permissions.includes('assessment_edit')} />
          )}
        </>
      )}
    </OfficeScreen>
  )
}

// ---- tasks --------------------------------------------------------------------------------------

function TasksTab(props: { username: string; role: string; canReview: boolean }) {
  const [filter, setFilter] = useState<TaskFilter>(props.canReview ? { status: 'submitted' } : {})
  const tasks = useQuery(tasksQuery(props.username, filter))
  const units = useQuery({ ...unitsQuery(), enabled: props.role !== 'unit-operator' })
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code
  const [selected, setSelected] = useState<MaterialTask>()
  const schedule = tasks.data?.schedule
  return (
    <div className="materials__columns">
      <section className="card">
        {schedule && (
          <p className="materials__schedule" data-testid="schedule">
            测评日期 <b>{schedule.assessedOn}</b>：材料上报截止 <b>{schedule.submitOn}</b>
            ，审核 {schedule.reviewOn}，签字移交 {schedule.handoverOn}
          </p>
        )}
        {props.role !== 'unit-operator' && (
          <div className="form inline">
            <label>
              状态
              <select
                value={filter.status ?? ''}
                data-testid="filter-status"
                onChange={(e) =>
                  setFilter({
                    ...filter,
                    status: (e.target.value || undefined) as TaskFilter['status'],
                  })
                }
              >
                <SelectOptions empty="全部" options={statusOptions} />
              </select>
            </label>
            <label>
              单位
              <select
                value={filter.unit ?? ''}
                onChange={(e) => setFilter({ ...filter, unit: e.target.value || undefined })}
              >
                <SelectOptions empty="全部" options={codeNameOptions(units.data)} />
              </select>
            </label>
            <label className="row">
              <input
                type="checkbox"
                checked={filter.overdue === 'true'}
                onChange={(e) =>
                  setFilter({ ...filter, overdue: e.target.checked ? 'true' : undefined })
                }
              />
              只看逾期
            </label>
            <a href={exportUrl(filter)} download data-testid="export-xlsx">
              导出 Excel
            </a>
          </div>
        )}
        <ErrorText error={tasks.error} />
        <ul className="task-list" data-testid="task-list">
          {tasks.data?.items.map((t) => (
            <li key={`${t.standardCode}|${t.unitCode}`}>
              <button
                type="button"
                aria-pressed={
                  selected?.standardCode === t.standardCode && selected.unitCode === t.unitCode
                }
                data-testid={`task-${t.standardCode}`}
                data-status={t.status}
                onClick={() => setSelected(t)}
              >
                <span className="task-list__code">{t.standardCode}</span>
                <span className="task-list__name">{t.standardName}</span>
                <span className="muted">
                  {props.role !== 'unit-operator' && `${unitName(t.unitCode)} · `}
                  {t.part === 'lead' ? '牵头' : '负责'} · {t.points} 分
                </span>
                <span className={`task-list__due${t.overdue ? ' overdue' : ''}`}>
                  {t.overdue ? `已逾期 ${-t.daysLeft} 天` : `剩 ${t.daysLeft} 天`}（{t.dueOn}）
                </span>
                <span className={`status status--${t.status} task-list__status`}>
                  {taskStatusLabel(t.status)}
                </span>
              </button>
            </li>
          ))}
          {tasks.data?.items.length === 0 && <li className="muted">没有符合条件的台账任务</li>}
        </ul>
        {props.role === 'unit-operator' && <HandoverForm username={props.username} />}
      </section>
      <section className="card">
        {selected ? (
          <MaterialPanel
            key={`${selected.standardCode}|${selected.unitCode}`}
            task={selected}
            canReview={props.canReview}
            onOpened={(id) => setSelected({ ...selected, materialId: id })}
          />
        ) : (
          <p className="muted">选择一条测评标准，查看或上报它的台账材料。</p>
        )}
      </section>
    </div>
  )
}
