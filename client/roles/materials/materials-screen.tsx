// 材料审核 (/materials): a unit operator sees the 标准 their unit documents with the days left (倒排工期),
// uploads documents and photos, writes the 说明报告's five elements, submits, and records the 签字移交;
// the 创建办 filters and exports every unit's tasks, reviews (合格 / 退回 with a reason), sees completion
// per unit and per 标准 and receives the handovers; 问卷调查 rounds are imported and summarised with
// their confidence intervals. Works at phone width. A thin composition of the materials feature.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { roleLabels } from '../../../server/domain/labels-zh.ts'
import {
  materialStatusLabels,
  reportElementLabels,
  reportElements,
} from '../../../server/domain/material.ts'
import { surveyMeasureLabels, surveyMeasures } from '../../../server/domain/survey.ts'
import {
  addHandover,
  completionQuery,
  exportUrl,
  handoversQuery,
  importSurvey,
  type MaterialReport,
  type MaterialTask,
  materialKeys,
  materialQuery,
  openMaterial,
  receiveHandover,
  removeFile,
  reviewMaterial,
  saveReport,
  submitMaterial,
  surveyKeys,
  surveySummaryQuery,
  type TaskFilter,
  tasksQuery,
  unitsQuery,
  uploadFile,
} from '../../features/materials/api.ts'
import { sessionQuery } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { UserMenu } from '../../features/session/user-menu.tsx'
import './materials.css'

const reviewers = new Set(['inspector', 'admin'])
const readers = new Set(['inspector', 'admin', 'commander', 'planner'])
const percent = (r: number | null | undefined, digits = 1) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(digits)}%`
const taskStatusLabel = (s: MaterialTask['status']) =>
  s === 'missing' ? '未建立' : materialStatusLabels[s]
const accept = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp'

type Tab = 'tasks' | 'completion' | 'surveys'

export function MaterialsScreen() {
  const session = useQuery(sessionQuery())
  const [loginOpen, setLoginOpen] = useState(false)
  const user = session.data
  const [tab, setTab] = useState<Tab>('tasks')
  const tabs: (readonly [Tab, string])[] = [
    ['tasks', user?.role === 'unit-operator' ? '本单位台账' : '台账任务与审核'],
    ...(user && readers.has(user.role)
      ? ([
          ['completion', '完成情况与移交'],
          ['surveys', '问卷调查'],
        ] as const)
      : []),
  ]
  return (
    <div className="materials">
      <header className="materials__header">
        <h1>材料审核 · 台账材料</h1>
        {user && (
          <nav className="materials__tabs" aria-label="材料审核">
            {tabs.map(([key, label]) => (
              <button
                key={key}
                type="button"
                aria-pressed={tab === key}
                data-testid={`tab-${key}`}
                onClick={() => setTab(key)}
              >
                {label}
              </button>
            ))}
          </nav>
        )}
        <UserMenu
          user={user}
          roleLabel={(r) => roleLabels[r as keyof typeof roleLabels] ?? r}
          onLoginRequest={() => setLoginOpen(true)}
          onLoggedOut={() => undefined}
        />
      </header>
      {loginOpen && (
        <LoginDialog onClose={() => setLoginOpen(false)} onLoggedIn={() => setLoginOpen(false)} />
      )}
      <main className="materials__main">
        {user === null && (
          <p className="muted">
            请先登录。责任单位经办人上报本单位的台账材料；创建办（督导员、管理员）审核；指挥长、规划人员查看完成情况。
          </p>
        )}
        {user && tab === 'tasks' && (
          <TasksTab
            username={user.username}
            role={user.role}
            canReview={reviewers.has(user.role)}
          />
        )}
        {user && tab === 'completion' && (
          <CompletionTab username={user.username} canReceive={reviewers.has(user.role)} />
        )}
        {user && tab === 'surveys' && <SurveysTab canEdit={reviewers.has(user.role)} />}
      </main>
    </div>
  )
}

function ErrorText({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p className="form-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
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
                <option value="">全部</option>
                <option value="missing">未建立</option>
                {(['draft', 'submitted', 'approved', 'returned'] as const).map((s) => (
                  <option key={s} value={s}>
                    {materialStatusLabels[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              单位
              <select
                value={filter.unit ?? ''}
                onChange={(e) => setFilter({ ...filter, unit: e.target.value || undefined })}
              >
                <option value="">全部</option>
                {units.data?.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
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
                <span className={`status status--${t.status}`}>{taskStatusLabel(t.status)}</span>
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
          <p className="muted">选择左侧的测评标准查看或上报台账材料。</p>
        )}
      </section>
    </div>
  )
}

const emptyReport = Object.fromEntries(reportElements.map((e) => [e, ''])) as Record<
  (typeof reportElements)[number],
  string
>

function MaterialPanel(props: {
  task: MaterialTask
  canReview: boolean
  onOpened: (id: string) => void
}) {
  const client = useQueryClient()
  const { task } = props
  const id = task.materialId
  const detail = useQuery({ ...materialQuery(id ?? ''), enabled: id !== null })
  const invalidate = () => client.invalidateQueries({ queryKey: materialKeys.all })
  const open = useMutation({
    mutationFn: () => openMaterial(task.standardCode, task.unitCode),
    onSuccess: (m) => {
      props.onOpened(m.id)
      void invalidate()
    },
  })
  const [report, setReport] = useState<MaterialReport>(emptyReport)
  const m = detail.data
  useEffect(() => {
    if (m?.report) setReport(m.report)
  }, [m?.report])
  const save = useMutation({
    mutationFn: () => saveReport(id as string, report),
    onSuccess: invalidate,
  })
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) await uploadFile(id as string, file)
    },
    onSettled: invalidate,
  })
  const remove = useMutation({
    mutationFn: (fileId: string) => removeFile(id as string, fileId),
    onSuccess: invalidate,
  })
  const submit = useMutation({
    mutationFn: async () => {
      await saveReport(id as string, report)
      return submitMaterial(id as string)
    },
    onSuccess: invalidate,
  })
  const [reason, setReason] = useState('')
  const review = useMutation({
    mutationFn: (decision: 'approve' | 'return') =>
      reviewMaterial(id as string, decision, decision === 'return' ? reason : undefined),
    onSuccess: invalidate,
  })
  const editable =
    m && (m.status === 'draft' || m.status === 'returned') && m.actions.includes('submit')
  return (
    <div className="material" data-testid="material-panel" data-status={m?.status ?? task.status}>
      <h2>
        {task.standardCode} {task.standardName}
      </h2>
      <p className="muted">
        分值 {task.points} · 截止 {task.dueOn}
        {task.overdue ? '（已逾期）' : ''}
      </p>
      {id === null && (
        <>
          <p>尚未建立台账材料。</p>
          <button
            type="button"
            className="primary"
            data-testid="open-material"
            onClick={() => open.mutate()}
          >
            建立台账材料
          </button>
          <ErrorText error={open.error} />
        </>
      )}
      {m && (
        <>
          <p>
            状态：
            <b className={`status status--${m.status}`} data-testid="material-status">
              {materialStatusLabels[m.status]}
            </b>
            {m.status === 'returned' && m.returnReason && (
              <span className="returned" data-testid="return-reason">
                退回原因：{m.returnReason}
              </span>
            )}
          </p>
          <h3>文件与照片（{m.files.length}）</h3>
          <ul className="files" data-testid="file-list">
            {m.files.map((f) => (
              <li key={f.id}>
                <a href={f.url} target="_blank" rel="noreferrer">
                  [{f.kind === 'photo' ? '照片' : '文件'}] {f.title}
                </a>
                <span className="muted"> {Math.max(1, Math.round(f.bytes / 1024))} KB</span>
                {editable && (
                  <button type="button" onClick={() => remove.mutate(f.id)}>
                    删除
                  </button>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <label className="upload">
              上传文件或照片（PDF、Word、Excel 不超过 20 MB；照片不超过 5 MB）
              <input
                type="file"
                multiple
                accept={accept}
                data-testid="file-input"
                onChange={(e) => {
                  const files = [...(e.target.files ?? [])]
                  e.target.value = ''
                  if (files.length) upload.mutate(files)
                }}
              />
            </label>
          )}
          {upload.isPending && <p className="muted">正在上传…</p>}
          <ErrorText error={upload.error ?? remove.error} />
          <h3>说明报告</h3>
          <div className="report">
            {reportElements.map((e) => (
              <label key={e}>
                {reportElementLabels[e]}
                <textarea
                  rows={2}
                  value={report[e]}
                  readOnly={!editable}
                  data-testid={`report-${e}`}
                  onChange={(ev) => setReport({ ...report, [e]: ev.target.value })}
                />
              </label>
            ))}
          </div>
          {editable && (
            <div className="actions">
              <button type="button" onClick={() => save.mutate()} data-testid="save-report">
                保存说明报告
              </button>
              <button
                type="button"
                className="primary"
                data-testid="submit-material"
                onClick={() => submit.mutate()}
              >
                上报
              </button>
            </div>
          )}
          <ErrorText error={save.error ?? submit.error} />
          {props.canReview && m.status === 'submitted' && (
            <div className="actions review">
              <button
                type="button"
                className="primary"
                data-testid="approve"
                onClick={() => review.mutate('approve')}
              >
                审核合格
              </button>
              <input
                placeholder="退回原因"
                value={reason}
                data-testid="return-reason-input"
                onChange={(e) => setReason(e.target.value)}
              />
              <button type="button" data-testid="return" onClick={() => review.mutate('return')}>
                退回
              </button>
              <ErrorText error={review.error} />
            </div>
          )}
        </>
      )}
    </div>
  )
}

function HandoverForm({ username }: { username: string }) {
  const client = useQueryClient()
  const handovers = useQuery(handoversQuery(username))
  const [name, setName] = useState('')
  const [title, setTitle] = useState('')
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10))
  const add = useMutation({
    mutationFn: () => addHandover({ signedByName: name, signedByTitle: title, signedOn: day }),
    onSuccess: () => client.invalidateQueries({ queryKey: materialKeys.all }),
  })
  return (
    <div className="form">
      <h3>签字移交</h3>
      <p className="muted">把本单位审核合格的台账材料移交创建办，由主要领导签字确认。</p>
      <div className="form inline">
        <input placeholder="签字领导姓名" value={name} onChange={(e) => setName(e.target.value)} />
        <input placeholder="职务" value={title} onChange={(e) => setTitle(e.target.value)} />
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        <button type="button" onClick={() => add.mutate()}>
          登记移交
        </button>
      </div>
      <ErrorText error={add.error} />
      <ul className="compact">
        {handovers.data?.map((h) => (
          <li key={h.id}>
            {h.signedOn} {h.signedByTitle} {h.signedByName} 签字移交 {h.materialIds.length} 份
            {h.receivedAt ? '（创建办已接收）' : '（待接收）'}
          </li>
        ))}
      </ul>
    </div>
  )
}

// ---- completion ---------------------------------------------------------------------------------

function CompletionTab({ username, canReceive }: { username: string; canReceive: boolean }) {
  const client = useQueryClient()
  const completion = useQuery(completionQuery())
  const units = useQuery(unitsQuery())
  const handovers = useQuery(handoversQuery(username))
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code
  const receive = useMutation({
    mutationFn: receiveHandover,
    onSuccess: () => client.invalidateQueries({ queryKey: materialKeys.all }),
  })
  const c = completion.data
  return (
    <div className="materials__stack">
      <ErrorText error={completion.error} />
      {c && (
        <section className="card" data-testid="completion">
          <h2>
            全县：台账上报率 <b data-testid="total-report-rate">{percent(c.total.reportRate)}</b>
            ，图片资料完成率 {percent(c.total.photoRate)}，合格率 {percent(c.total.approvalRate)}
            ，逾期 {c.total.overdue} 项
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th>责任单位</th>
                <th>任务</th>
                <th>已上报</th>
                <th>合格</th>
                <th>退回</th>
                <th>逾期</th>
                <th>台账上报率</th>
                <th>图片资料完成率</th>
              </tr>
            </thead>
            <tbody>
              {c.units.map((u) => (
                <tr key={u.unitCode} className={u.reportRate === 0 ? 'zero' : ''}>
                  <td>{unitName(u.unitCode)}</td>
                  <td>{u.tasks}</td>
                  <td>{u.reported}</td>
                  <td>{u.approved}</td>
                  <td>{u.returned}</td>
                  <td>{u.overdue}</td>
                  <td>{percent(u.reportRate)}</td>
                  <td>{percent(u.photoRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>按测评标准</h3>
          <table className="table">
            <thead>
              <tr>
                <th>编号</th>
                <th>测评标准</th>
                <th>分值</th>
                <th>单位数</th>
                <th>合格</th>
                <th>已得分（按合格比例）</th>
              </tr>
            </thead>
            <tbody>
              {c.standards.map((s) => (
                <tr key={s.standardCode}>
                  <td>{s.standardCode}</td>
                  <td>{s.standardName}</td>
                  <td>{s.points}</td>
                  <td>{s.tasks}</td>
                  <td>{s.approved}</td>
                  <td>{s.approvedPoints.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="card">
        <h2>签字移交记录</h2>
        <ul className="compact" data-testid="handovers">
          {handovers.data?.map((h) => (
            <li key={h.id}>
              {unitName(h.unitCode)}：{h.signedOn} {h.signedByTitle} {h.signedByName} 签字移交{' '}
              {h.materialIds.length} 份（经办 {h.handedOverBy}）
              {h.receivedAt ? (
                <span className="ok"> 已接收（{h.receivedBy}）</span>
              ) : (
                canReceive && (
                  <button type="button" onClick={() => receive.mutate(h.id)}>
                    接收
                  </button>
                )
              )}
            </li>
          ))}
          {handovers.data?.length === 0 && <li className="muted">尚无移交记录</li>}
        </ul>
      </section>
    </div>
  )
}

// ---- surveys ------------------------------------------------------------------------------------

function SurveysTab({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient()
  const summary = useQuery(surveySummaryQuery())
  const [file, setFile] = useState<File>()
  const [meta, setMeta] = useState({ name: '', conductedOn: '', source: '自测' })
  const add = useMutation({
    mutationFn: () => importSurvey(file as File, meta),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  })
  const s = summary.data
  const interval = (p: { rate: number | null; low: number | null; high: number | null }) =>
    `${percent(p.rate)}（${percent(p.low)}–${percent(p.high)}）`
  return (
    <div className="materials__stack">
      <section className="card">
        <h2>问卷调查趋势</h2>
        <p className="muted">各比率后为 95% 置信区间（Wilson 法）：样本越小区间越宽。</p>
        <table className="table" data-testid="survey-trend">
          <thead>
            <tr>
              <th>轮次</th>
              <th>日期</th>
              <th>样本</th>
              {surveyMeasures.map((m) => (
                <th key={m}>{surveyMeasureLabels[m]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s?.trend.map((t) => (
              <tr key={t.roundId}>
                <td>{t.name}</td>
                <td>{t.conductedOn}</td>
                <td>{t.sampleSize}</td>
                {surveyMeasures.map((m) => (
                  <td key={m}>{interval(t.figures[m])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {s?.trend.length === 0 && <p className="muted">尚无问卷调查</p>}
      </section>
      {s?.latest && (
        <section className="card">
          <h2>
            {s.latest.name}（{s.latest.conductedOn}）：最弱的乡镇与群体
          </h2>
          <div className="weak">
            {surveyMeasures.map((m) => (
              <div key={m}>
                <h3>
                  {surveyMeasureLabels[m]} · 全县{' '}
                  {interval(s.latest?.overall[m] ?? { rate: null, low: null, high: null })}
                </h3>
                <ol className="compact">
                  {s.latest?.weakest[m].cells.map((w) => (
                    <li key={w.key}>
                      {w.key}：{interval(w.figure)}，n={w.sampleSize}
                      {w.clearlyBelow && <b className="flag"> 明显偏低</b>}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        </section>
      )}
      {canEdit && (
        <section className="card">
          <h2>导入一轮问卷调查</h2>
          <p className="muted">
            Excel 列：乡镇、群体、样本量、知晓率、支持率、满意率（或知晓人数、支持人数、满意人数）。
          </p>
          <div className="form inline">
            <input
              placeholder="轮次名称"
              value={meta.name}
              onChange={(e) => setMeta({ ...meta, name: e.target.value })}
            />
            <input
              type="date"
              value={meta.conductedOn}
              onChange={(e) => setMeta({ ...meta, conductedOn: e.target.value })}
            />
            <select
              value={meta.source}
              onChange={(e) => setMeta({ ...meta, source: e.target.value })}
            >
              <option>自测</option>
              <option>第三方</option>
              <option>上级测评</option>
            </select>
            <input type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0])} />
            <button type="button" disabled={!file} onClick={() => add.mutate()}>
              导入
            </button>
          </div>
          <ErrorText error={add.error} />
        </section>
      )}
    </div>
  )
}
