// 督查通报 and 整改通知书: drafts, edits, issuing with a number, DOCX and PDF downloads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import { periodKindLabels } from '../../../server/domain/period.ts'
import {
  documentNumber,
  documentsQuery,
  draftBulletin,
  draftNotice,
  editDraft,
  fileUrl,
  issueDocument,
  type SupervisionDocument,
  supervisionKeys,
  unitIssuesQuery,
  unitsQuery,
} from '../../features/supervision/api.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { SelectOptions } from '../../ui/labelled-select.tsx'
import { codeNameOptions } from '../shared/options.ts'
import { beijingTime, Checks, PickList } from './supervision-ui.tsx'

export function DocumentsTab({ username }: { username: string }) {
  const docs = useQuery(documentsQuery(username))
  const [selected, setSelected] = useState<string>()
  const doc = docs.data?.find((d) => d.id === selected) ?? docs.data?.[0]
  return (
    <PickList
      title="督查文书"
      testId="document-list"
      items={docs.data}
      selected={doc?.id}
      onSelect={setSelected}
      label={(d) => (
        <>
          <strong>
            {d.kind === 'bulletin' ? '督查通报' : `整改通知书 · ${d.content.unitName}`}
          </strong>
          {d.kind === 'bulletin' && d.content.title && (
            <span className="muted">{d.content.title}</span>
          )}
          <span className="muted">
            {d.status === 'issued'
              ? `${documentNumber(d)} · 已印发${d.kind === 'notice' ? (d.receivedAt ? '，已签收' : '，待签收') : ''}`
              : `草稿 · ${beijingTime(d.createdAt)} 起草`}
          </span>
        </>
      )}
      detail={doc && <DocumentPanel key={doc.id} doc={doc} />}
    >
      <NewBulletin onDrafted={setSelected} />
      <NewNotice onDrafted={setSelected} />
    </PickList>
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
        <SelectOptions empty="选择责任单位…" options={codeNameOptions(units.data)} />
      </select>
      <Checks
        items={issues.data}
        value={(i) => i.id}
        checked={(i) => picked.includes(i.id)}
        onToggle={(i, on) => setPicked((p) => (on ? [...p, i.id] : p.filter((x) => x !== i.id)))}
        label={(i) => (
          <>
            {issueLabel(i)} {i.description}
            {i.overdue ? '（逾期）' : ''}
          </>
        )}
      >
        {unit && issues.data?.length === 0 && <span className="muted">该单位没有未办结问题</span>}
      </Checks>
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
  const [body, setBody] = useState<BulletinBody>(() => ({
    basics: c.basics ?? [],
    problems: c.problems ?? [],
  }))
  const refresh = () => queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() })
  const edits = () =>
    doc.kind === 'bulletin' ? { title, suggestions, ...body } : { requirement: suggestions }
  const save = useMutation({ mutationFn: () => editDraft(doc.id, edits()), onSuccess: refresh })
  const issue = useMutation({
    mutationFn: async () => {
      await editDraft(doc.id, edits())
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
          <BulletinBodyEditor body={body} onChange={setBody} editable={draft} />
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

interface BulletinBody {
  basics: string[] // 一、基本情况, paragraph by paragraph; the first names who inspected whom
  problems: { heading: string; text: string }[] // 二、存在的问题, one summary per group
}

/** 基本情况 and 存在的问题 as drafted from the data, each paragraph editable while a draft. */
function BulletinBodyEditor(props: {
  body: BulletinBody
  onChange: (body: BulletinBody) => void
  editable: boolean
}) {
  const { body, onChange, editable } = props
  const setBasic = (i: number, text: string) =>
    onChange({ ...body, basics: body.basics.map((t, k) => (k === i ? text : t)) })
  const setProblem = (i: number, text: string) =>
    onChange({ ...body, problems: body.problems.map((p, k) => (k === i ? { ...p, text } : p)) })
  return (
    <>
      <h3>一、基本情况{editable && <small className="muted">（可编辑）</small>}</h3>
      {body.basics.map((t, i) =>
        editable ? (
          <textarea
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are edited in place, by position
            key={i}
            className="block"
            rows={i === 0 ? 4 : 3}
            value={t}
            aria-label={i === 0 ? '基本情况（导语）' : `基本情况第${i + 1}段`}
            name={`basics-${i}`}
            data-testid={`basics-${i}`}
            onChange={(e) => setBasic(i, e.target.value)}
          />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same position as the draft's
          <p key={i}>{t}</p>
        ),
      )}
      <h3>二、存在的问题{editable && <small className="muted">（可编辑各类问题的概述）</small>}</h3>
      {body.problems.map((p, i) =>
        editable ? (
          <label key={p.heading} className="block">
            <strong>{p.heading}</strong>
            <textarea
              rows={4}
              value={p.text}
              name={`problem-${i}`}
              data-testid={`problem-${i}`}
              onChange={(e) => setProblem(i, e.target.value)}
            />
          </label>
        ) : (
          <p key={p.heading}>
            <strong>{p.heading}</strong> {p.text}
          </p>
        ),
      )}
    </>
  )
}
