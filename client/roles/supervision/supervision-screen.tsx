// 督查 (/supervision): rounds and documents for 督导员, 指挥长 and 管理员 — create a round, see its findings,
// route and coverage, draft / edit / issue a 督查通报, issue a 整改通知书, download DOCX and PDF; a unit
// operator sees the notices addressed to their unit and signs for them (签收). A thin composition of
// the supervision and session features.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import { roleLabels } from '../../../server/domain/labels-zh.ts'
import { periodKindLabels } from '../../../server/domain/period.ts'
import { type RoundKind, roundKindLabels, roundKinds } from '../../../server/domain/supervision.ts'
import { sessionQuery } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { UserMenu } from '../../features/session/user-menu.tsx'
import {
  createRound,
  documentNumber,
  documentsQuery,
  draftBulletin,
  draftNotice,
  editDraft,
  fileUrl,
  issueDocument,
  type PeriodChoice,
  receiveNotice,
  roundQuery,
  roundsQuery,
  type SupervisionDocument,
  summaryQuery,
  supervisionKeys,
  unitIssuesQuery,
  unitsQuery,
} from '../../features/supervision/api.ts'
import { AccountabilityTab } from './accountability-tab.tsx'
import { ReminderSettingsTab } from './reminder-settings-tab.tsx'
import { RouteMap } from './route-map.tsx'
import { SettingsTab } from './settings-tab.tsx'
import './supervision.css'

const readers = new Set(['inspector', 'commander', 'admin'])
const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`
const beijingTime = (iso?: string) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : ''

type Tab = 'rounds' | 'documents' | 'summary' | 'accountability' | 'settings' | 'reminders'

// ?unit=CODE opens the unit's page: its 问责 records
const unitParam = new URLSearchParams(location.search).get('unit') ?? undefined

export function SupervisionScreen() {
  const session = useQuery(sessionQuery())
  const [loginOpen, setLoginOpen] = useState(false)
  const user = session.data
  const [tab, setTab] = useState<Tab>(unitParam ? 'accountability' : 'rounds')
  return (
    <div className="supervision">
      <header className="supervision__header">
        <h1>督查 · 轮次与文书</h1>
        {user && readers.has(user.role) && (
          <nav className="supervision__tabs" aria-label="督查">
            {(
              [
                ['rounds', '督查轮次'],
                ['documents', '通报与通知书'],
                ['summary', '时段统计'],
                ['accountability', '问责'],
                ...(user.role === 'admin'
                  ? ([
                      ['settings', '文书设置'],
                      ['reminders', '催办设置'],
                    ] as const)
                  : []),
              ] as const
            ).map(([key, label]) => (
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
      <main className="supervision__main">
        {user === null && (
          <p className="muted">
            请先登录。督导员、指挥长、管理员可使用督查功能；责任单位经办人可查看并签收本单位的整改通知书。
          </p>
        )}
        {user && user.role === 'unit-operator' && <UnitNotices username={user.username} />}
        {user?.role === 'unit-operator' && user.unitCode && (
          <AccountabilityTab unit={user.unitCode} canRecord={false} />
        )}
        {user && !readers.has(user.role) && user.role !== 'unit-operator' && (
          <p className="muted">
            {roleLabels[user.role as keyof typeof roleLabels] ?? user.role}无督查权限。
          </p>
        )}
        {user && readers.has(user.role) && tab === 'rounds' && (
          <RoundsTab canEdit={user.role !== 'commander'} />
        )}
        {user && readers.has(user.role) && tab === 'documents' && (
          <DocumentsTab username={user.username} />
        )}
        {user && readers.has(user.role) && tab === 'summary' && <SummaryTab />}
        {user && readers.has(user.role) && tab === 'accountability' && (
          <AccountabilityTab
            {...(unitParam ? { unit: unitParam } : {})}
            canRecord={user.role === 'admin' || user.role === 'commander'}
          />
        )}
        {user?.role === 'admin' && tab === 'settings' && <SettingsTab />}
        {user?.role === 'admin' && tab === 'reminders' && <ReminderSettingsTab />}
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

// ---- rounds -----------------------------------------------------------------------------------

function RoundsTab({ canEdit }: { canEdit: boolean }) {
  const rounds = useQuery(roundsQuery())
  const [selected, setSelected] = useState<string>()
  const id = selected ?? rounds.data?.[0]?.id
  return (
    <div className="supervision__columns">
      <section className="card">
        <h2>督查轮次</h2>
        <ul className="list" data-testid="round-list">
          {rounds.data?.map((r) => (
            <li key={r.id}>
              <button type="button" aria-pressed={r.id === id} onClick={() => setSelected(r.id)}>
                <strong>{r.name}</strong>
                <span className="muted">
                  {roundKindLabels[r.kind]} · {r.startsOn} 至 {r.endsOn}
                </span>
              </button>
            </li>
          ))}
          {rounds.data?.length === 0 && <li className="muted">尚无督查轮次</li>}
        </ul>
        {canEdit && <RoundForm onCreated={setSelected} />}
      </section>
      {id && <RoundPanel id={id} />}
    </div>
  )
}

function RoundForm({ onCreated }: { onCreated: (id: string) => void }) {
  const queryClient = useQueryClient()
  const units = useQuery(unitsQuery())
  const [kind, setKind] = useState<RoundKind>('inspection')
  const [number, setNumber] = useState('1')
  const [name, setName] = useState('')
  const [startsOn, setStartsOn] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const [leader, setLeader] = useState('')
  const [members, setMembers] = useState('')
  const [targets, setTargets] = useState<string[]>([])
  const mutation = useMutation({
    mutationFn: () =>
      createRound({
        kind,
        number: Number(number),
        name: name.trim(),
        startsOn,
        endsOn,
        teams: leader.trim()
          ? [
              {
                name: '第一督查组',
                leader: { name: leader.trim() },
                members: members
                  .split(/[、,，\s]+/)
                  .filter(Boolean)
                  .map((m) => ({ name: m })),
              },
            ]
          : [],
        targets: targets.map((code) => {
          const unit = units.data?.find((u) => u.code === code)
          return { kind: 'unit' as const, code, name: unit?.name ?? code }
        }),
      }),
    onSuccess: (round) => {
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.rounds() })
      onCreated(round.id)
    },
  })
  return (
    <form
      className="form"
      data-testid="round-form"
      onSubmit={(e) => {
        e.preventDefault()
        mutation.mutate()
      }}
    >
      <h3>新建轮次</h3>
      <label>
        类型
        <select value={kind} onChange={(e) => setKind(e.target.value as RoundKind)} name="kind">
          {roundKinds.map((k) => (
            <option key={k} value={k}>
              {roundKindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        期次
        <input
          name="number"
          type="number"
          min={1}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
      </label>
      <label>
        名称
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="2026年第16期督查"
        />
      </label>
      <label>
        开始日期
        <input
          name="startsOn"
          type="date"
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
        />
      </label>
      <label>
        结束日期
        <input
          name="endsOn"
          type="date"
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
      </label>
      <label>
        组长
        <input name="leader" value={leader} onChange={(e) => setLeader(e.target.value)} />
      </label>
      <label>
        成员（顿号分隔）
        <input name="members" value={members} onChange={(e) => setMembers(e.target.value)} />
      </label>
      <fieldset>
        <legend>督查对象（责任单位）</legend>
        <div className="checks">
          {units.data?.map((u) => (
            <label key={u.code}>
              <input
                type="checkbox"
                value={u.code}
                checked={targets.includes(u.code)}
                onChange={(e) =>
                  setTargets((t) =>
                    e.target.checked ? [...t, u.code] : t.filter((c) => c !== u.code),
                  )
                }
              />
              {u.name}
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorText error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>
        创建轮次
      </button>
    </form>
  )
}

function RoundPanel({ id }: { id: string }) {
  const detail = useQuery(roundQuery(id))
  const queryClient = useQueryClient()
  const draft = useMutation({
    mutationFn: () => draftBulletin({ roundId: id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() }),
  })
  const d = detail.data
  if (!d) return <section className="card muted">加载中…</section>
  return (
    <section className="card" data-testid="round-panel">
      <h2>{d.round.name}</h2>
      <p className="muted">
        {roundKindLabels[d.round.kind]} · 第{d.round.number}期 · {d.round.startsOn} 至{' '}
        {d.round.endsOn}
      </p>
      <p>
        {d.round.teams
          .map(
            (t) =>
              `${t.name}：组长 ${t.leader.name}${t.members.length ? `，成员 ${t.members.map((m) => m.name).join('、')}` : ''}`,
          )
          .join('；') || '未登记督查组'}
      </p>
      <div className="kpis" data-testid="round-tallies">
        <Kpi label="发现问题" value={d.tallies.found} />
        <Kpi label="已办结" value={d.tallies.closed} />
        <Kpi label="逾期" value={d.tallies.overdue} />
        <Kpi label="办结率" value={percent(d.tallies.closureRate)} />
        <Kpi label="已到对象" value={`${d.coverage.visited}/${d.coverage.total}`} />
      </div>
      <RouteMap detail={d} />
      <h3>督查对象覆盖</h3>
      <ul className="list compact" data-testid="round-coverage">
        {d.coverage.targets.map((t) => (
          <li key={`${t.kind}-${t.code}`} className={t.issues ? '' : 'muted'}>
            {t.name}：{t.issues ? `已督查，发现问题 ${t.issues} 个` : '尚未到达'}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => draft.mutate()}
        disabled={draft.isPending}
        data-testid="draft-round-bulletin"
      >
        起草本轮督查通报
      </button>
      {draft.data && <p className="ok">已起草 {draft.data.id}，请到“通报与通知书”中编辑并印发。</p>}
      <ErrorText error={draft.error} />
    </section>
  )
}

function Kpi({ label, value, note }: { label: string; value: string | number; note?: string }) {
  return (
    <div className="kpi">
      <span className="kpi__value">{value}</span>
      <span className="kpi__label">{label}</span>
      {note && <span className="kpi__note">{note}</span>}
    </div>
  )
}

// ---- documents --------------------------------------------------------------------------------

function DocumentsTab({ username }: { username: string }) {
  const docs = useQuery(documentsQuery(username))
  const [selected, setSelected] = useState<string>()
  const doc = docs.data?.find((d) => d.id === selected) ?? docs.data?.[0]
  return (
    <div className="supervision__columns">
      <section className="card">
        <h2>督查文书</h2>
        <ul className="list" data-testid="document-list">
          {docs.data?.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                aria-pressed={d.id === doc?.id}
                onClick={() => setSelected(d.id)}
              >
                <strong>
                  {d.kind === 'bulletin' ? '督查通报' : `整改通知书 · ${d.content.unitName}`}
                </strong>
                <span className="muted">
                  {documentNumber(d)} ·{' '}
                  {d.status === 'issued' ? `已印发${d.receivedAt ? '，已签收' : ''}` : '草稿'}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <NewBulletin onDrafted={setSelected} />
        <NewNotice onDrafted={setSelected} />
      </section>
      {doc && <DocumentPanel key={doc.id} doc={doc} />}
    </div>
  )
}

function NewBulletin({ onDrafted }: { onDrafted: (id: string) => void }) {
  const queryClient = useQueryClient()
  const [period, setPeriod] = useState<'this-week' | 'last-week' | 'this-month' | 'last-month'>(
    'last-week',
  )
  const mutation = useMutation({
    mutationFn: () => draftBulletin({ period }),
    onSuccess: (doc) => {
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() })
      onDrafted(doc.id)
    },
  })
  return (
    <div className="form inline">
      <h3>起草时段通报</h3>
      <select
        value={period}
        onChange={(e) => setPeriod(e.target.value as typeof period)}
        aria-label="时段"
      >
        {(['this-week', 'last-week', 'this-month', 'last-month'] as const).map((p) => (
          <option key={p} value={p}>
            {periodKindLabels[p]}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        起草
      </button>
      <ErrorText error={mutation.error} />
    </div>
  )
}

function NewNotice({ onDrafted }: { onDrafted: (id: string) => void }) {
  const queryClient = useQueryClient()
  const units = useQuery(unitsQuery())
  const [unit, setUnit] = useState('')
  const issues = useQuery(unitIssuesQuery(unit))
  const [picked, setPicked] = useState<string[]>([])
  const mutation = useMutation({
    mutationFn: () => draftNotice({ unitCode: unit, issueIds: picked }),
    onSuccess: (doc) => {
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() })
      onDrafted(doc.id)
    },
  })
  return (
    <div className="form" data-testid="notice-form">
      <h3>起草整改通知书</h3>
      <select
        value={unit}
        aria-label="责任单位"
        name="unit"
        onChange={(e) => {
          setUnit(e.target.value)
          setPicked([])
        }}
      >
        <option value="">选择责任单位…</option>
        {units.data?.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
      <div className="checks">
        {issues.data?.map((i) => (
          <label key={i.id}>
            <input
              type="checkbox"
              value={i.id}
              checked={picked.includes(i.id)}
              onChange={(e) =>
                setPicked((p) => (e.target.checked ? [...p, i.id] : p.filter((x) => x !== i.id)))
              }
            />
            {issueLabel(i)} {i.description}
            {i.overdue ? '（逾期）' : ''}
          </label>
        ))}
        {unit && issues.data?.length === 0 && <span className="muted">该单位没有未办结问题</span>}
      </div>
      <ErrorText error={mutation.error} />
      <button
        type="button"
        disabled={!unit || picked.length === 0 || mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        起草通知书（{picked.length} 个问题）
      </button>
    </div>
  )
}

function DocumentPanel({ doc }: { doc: SupervisionDocument }) {
  const queryClient = useQueryClient()
  const c = doc.content
  const [title, setTitle] = useState<string>(c.title ?? '')
  const [suggestions, setSuggestions] = useState<string>(c.suggestions ?? c.requirement ?? '')
  const refresh = () => queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() })
  const save = useMutation({
    mutationFn: () =>
      editDraft(
        doc.id,
        doc.kind === 'bulletin' ? { title, suggestions } : { requirement: suggestions },
      ),
    onSuccess: refresh,
  })
  const issue = useMutation({
    mutationFn: async () => {
      await editDraft(
        doc.id,
        doc.kind === 'bulletin' ? { title, suggestions } : { requirement: suggestions },
      )
      return issueDocument(doc.id)
    },
    onSuccess: refresh,
  })
  const draft = doc.status === 'draft'
  return (
    <section className="card" data-testid="document-panel">
      <h2>
        {doc.kind === 'bulletin' ? '督查通报' : `整改通知书 · ${c.unitName}`}{' '}
        <small>{documentNumber(doc)}</small>
      </h2>
      {doc.kind === 'bulletin' && (
        <>
          <label className="block">
            标题
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              disabled={!draft}
              name="title"
            />
          </label>
          <h3>一、基本情况</h3>
          {c.basics.map((t: string) => (
            <p key={t}>{t}</p>
          ))}
          <h3>二、存在的问题</h3>
          {c.problems.map((p: { heading: string; text: string }) => (
            <p key={p.heading}>
              <strong>{p.heading}</strong> {p.text}
            </p>
          ))}
          <h3>三、红黑榜</h3>
          {c.rankings.map((t: string) => (
            <p key={t}>{t}</p>
          ))}
        </>
      )}
      {doc.kind === 'notice' && (
        <ol className="list compact">
          {c.items.map(
            (i: {
              issueId: string
              issueNo?: string // absent in notices drafted before numbers existed
              category: string
              description: string
              location: string
              deadline: string
            }) => (
              <li key={i.issueId}>
                【{i.category}】{i.description}（{i.issueNo ?? i.issueId}）— {i.location}，整改期限{' '}
                {i.deadline}
              </li>
            ),
          )}
        </ol>
      )}
      <label className="block">
        {doc.kind === 'bulletin' ? '四、下步工作建议（可编辑）' : '整改要求（可编辑）'}
        <textarea
          rows={7}
          value={suggestions}
          onChange={(e) => setSuggestions(e.target.value)}
          disabled={!draft}
          name="suggestions"
          data-testid="suggestions"
        />
      </label>
      <div className="actions">
        {draft && (
          <>
            <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
              保存草稿
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => issue.mutate()}
              disabled={issue.isPending}
              data-testid="issue-document"
            >
              印发（编号并存档）
            </button>
          </>
        )}
        <a href={fileUrl(doc.id, 'docx')} data-testid="download-docx">
          下载 DOCX{draft ? '（预览）' : ''}
        </a>
        <a href={fileUrl(doc.id, 'pdf')} data-testid="download-pdf">
          下载 PDF{draft ? '（预览）' : ''}
        </a>
      </div>
      {doc.status === 'issued' && (
        <p className="muted" data-testid="issued-note">
          {beijingTime(doc.issuedAt)} 印发 {documentNumber(doc)}
          {doc.kind === 'notice' &&
            (doc.receivedAt
              ? `；${beijingTime(doc.receivedAt)} 已签收（${doc.receivedBy}）`
              : '；待签收')}
        </p>
      )}
      <ErrorText error={save.error ?? issue.error} />
    </section>
  )
}

// ---- summary ----------------------------------------------------------------------------------

function SummaryTab() {
  const [choice, setChoice] = useState<PeriodChoice>({ period: 'this-week' })
  const summary = useQuery(summaryQuery(choice))
  const s = summary.data
  const change = (now: number, before: number) =>
    before === 0
      ? '上期为零'
      : `环比${now >= before ? '+' : ''}${(((now - before) / before) * 100).toFixed(1)}%`
  return (
    <section className="card">
      <h2>时段统计</h2>
      <select
        aria-label="时段"
        value={choice.period}
        onChange={(e) => setChoice({ period: e.target.value as PeriodChoice['period'] })}
      >
        {(['this-week', 'last-week', 'this-month', 'last-month'] as const).map((p) => (
          <option key={p} value={p}>
            {periodKindLabels[p]}
          </option>
        ))}
      </select>
      <ErrorText error={summary.error} />
      {s && (
        <>
          <p className="muted">
            {s.period.label}（对比 {s.previous.label}，北京时间，周一 00:00 起算）
          </p>
          <div className="kpis">
            <Kpi
              label="发现"
              value={s.kpis.found}
              note={change(s.kpis.found, s.previousKpis.found)}
            />
            <Kpi
              label="办结"
              value={s.kpis.closed}
              note={change(s.kpis.closed, s.previousKpis.closed)}
            />
            <Kpi
              label="逾期"
              value={s.kpis.overdue}
              note={change(s.kpis.overdue, s.previousKpis.overdue)}
            />
            <Kpi
              label="办结率"
              value={percent(s.kpis.closureRate)}
              note={`上期 ${percent(s.previousKpis.closureRate)}`}
            />
          </div>
          <p>
            红榜：{s.red.map((u) => u.name).join('、') || '无'}；黑榜：
            {s.black.map((u) => u.name).join('、') || '无'}
            <span className="muted">（交办不足 {s.minIssues} 个不排名）</span>
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>排名</th>
                <th>责任单位</th>
                <th>交办</th>
                <th>按期办结</th>
                <th>逾期</th>
                <th>按期办结率</th>
              </tr>
            </thead>
            <tbody>
              {s.units.map((u) => (
                <tr key={u.code}>
                  <td>{u.rank ?? '—'}</td>
                  <td>
                    <a href={`?unit=${encodeURIComponent(u.code)}`} title="单位页：问责记录">
                      {u.name}
                    </a>
                  </td>
                  <td>{u.assigned}</td>
                  <td>{u.closedOnTime}</td>
                  <td>{u.overdue}</td>
                  <td>{percent(u.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

// ---- unit operator ----------------------------------------------------------------------------

function UnitNotices({ username }: { username: string }) {
  const docs = useQuery(documentsQuery(username))
  const queryClient = useQueryClient()
  const receive = useMutation({
    mutationFn: receiveNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() }),
  })
  return (
    <section className="card" data-testid="unit-notices">
      <h2>本单位的整改通知书</h2>
      {docs.data?.length === 0 && <p className="muted">暂无发给本单位的整改通知书。</p>}
      <ul className="list">
        {docs.data?.map((d) => (
          <li key={d.id} className="notice">
            <strong>{documentNumber(d)}</strong> {d.content.issuerName} · {d.content.items.length}{' '}
            个问题 · {beijingTime(d.issuedAt)}
            <ol className="compact">
              {d.content.items.map(
                (i: {
                  issueId: string
                  category: string
                  description: string
                  deadline: string
                }) => (
                  <li key={i.issueId}>
                    【{i.category}】{i.description}，整改期限 {i.deadline}
                  </li>
                ),
              )}
            </ol>
            <div className="actions">
              <a href={fileUrl(d.id, 'docx')}>下载 DOCX</a>
              <a href={fileUrl(d.id, 'pdf')}>下载 PDF</a>
              {d.receivedAt ? (
                <span className="ok" data-testid="received">
                  已于 {beijingTime(d.receivedAt)} 签收
                </span>
              ) : (
                <button
                  type="button"
                  className="primary"
                  onClick={() => receive.mutate(d.id)}
                  data-testid="receive-notice"
                >
                  签收
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ErrorText error={receive.error} />
    </section>
  )
}
