// 问责: the records, filterable (unit, kind, dates) and exported as XLSX; for one unit (?unit=CODE)
// it is the unit's page. 管理员 and 指挥长 record a step with its document (PDF or a scan).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ChangeEvent, useState } from 'react'
import {
  type AccountabilityFilter,
  accountabilityKeys,
  accountabilityKindLabels,
  accountabilityQuery,
  documentUrl,
  exportUrl,
  type NewAccountability,
  recordAccountability,
  uploadDocument,
} from '../../features/accountability/api.ts'
import { unitsQuery } from '../../features/supervision/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { DateInput } from '../../ui/date-input.tsx'
import { FormField } from '../../ui/form-field.tsx'
import { AriaSelect, SelectOptions } from '../../ui/labelled-select.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import { codeNameOptions, labelOptions } from '../shared/options.ts'

const fieldLabels: Record<string, string> = {
  targetCode: '问责对象',
  kind: '问责方式',
  decidedOn: '决定日期',
  decidedBy: '决定机关',
  note: '说明',
  issueIds: '涉及问题',
}

/** 「决定日期：日期须为 YYYY-MM-DD」: the field named in Chinese. */
export function fieldMessages(error: unknown): string[] {
  if (!(error instanceof ApiError)) return error instanceof Error ? [error.message] : []
  if (!error.fieldErrors.length) return [error.message]
  return error.fieldErrors.map((e) => {
    const key = e.field.split('.')[0] ?? e.field
    return `${fieldLabels[key] ?? e.field}：${e.message}`
  })
}

export function AccountabilityTab(props: { unit?: string; canRecord: boolean }) {
  const [filter, setFilter] = useState<AccountabilityFilter>(
    props.unit ? { target: props.unit } : {},
  )
  const units = useQuery(unitsQuery())
  const list = useQuery(accountabilityQuery(filter))
  const unitName = units.data?.find((u) => u.code === props.unit)?.name
  return (
    <section className="card" data-testid="accountability">
      <h2>{props.unit ? `${unitName ?? props.unit} · 问责记录` : '问责记录'}</h2>
      <div className="filters">
        {!props.unit && (
          <AriaSelect
            label="问责对象"
            value={filter.target ?? ''}
            empty="全部单位"
            options={codeNameOptions(units.data)}
            onChange={(target) => setFilter({ ...filter, target })}
          />
        )}
        <AriaSelect
          label="问责方式"
          value={filter.kind ?? ''}
          empty="全部方式"
          options={kindOptions}
          onChange={(kind) => setFilter({ ...filter, kind })}
        />
        <DateInput
          label="起始日期"
          value={filter.from ?? ''}
          onChange={(from) => setFilter({ ...filter, from })}
        />
        <DateInput
          label="截止日期"
          value={filter.to ?? ''}
          onChange={(to) => setFilter({ ...filter, to })}
        />
        <a href={exportUrl(filter)} download>
          导出 XLSX
        </a>
      </div>
      {list.isError && <p className="form-error">问责记录读取失败：{list.error.message}</p>}
      <DataTable
        testId="accountability-list"
        rows={list.data?.items}
        rowKey={(r) => r.id}
        row={(r) => ({ 'data-kind': r.kind })}
        empty="暂无问责记录"
        columns={[
          { head: '决定日期', cell: (r) => r.decidedOn },
          {
            head: '问责对象',
            cell: (r) =>
              r.targetKind === 'unit' ? (
                <a href={`?unit=${encodeURIComponent(r.targetCode)}`}>{r.targetName}</a>
              ) : (
                r.targetName
              ),
          },
          { head: '方式', cell: (r) => accountabilityKindLabels[r.kind] },
          { head: '决定机关', cell: (r) => r.decidedBy },
          { head: '涉及问题', cell: (r) => (r.issueNos ?? r.issueIds).join('、') },
          { head: '说明', cell: (r) => r.note },
          {
            head: '文书',
            cell: (r) =>
              r.document ? (
                <a href={documentUrl(r.id)} target="_blank" rel="noreferrer">
                  查看
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {props.canRecord && <RecordForm unit={props.unit} units={units.data ?? []} />}
    </section>
  )
}

const kindOptions = labelOptions(accountabilityKindLabels)

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

function RecordForm(props: { unit?: string | undefined; units: { code: string; name: string }[] }) {
  const queryClient = useQueryClient()
  const blank: NewAccountability = {
    targetKind: 'unit',
    targetCode: props.unit ?? '',
    kind: 'interview',
    decidedOn: today(),
    decidedBy: '县创建办',
    note: '',
    issueIds: [],
  }
  const [draft, setDraft] = useState(blank)
  const [issues, setIssues] = useState('')
  // the props of a control that edits one text field of the draft
  const field = (name: 'targetCode' | 'kind' | 'decidedOn' | 'decidedBy' | 'note') => ({
    name,
    value: draft[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setDraft((d) => ({ ...d, [name]: e.target.value })),
  })
  const [file, setFile] = useState<File | undefined>()
  const save = useMutation({
    mutationFn: async () => {
      const ids = issues.split(/[\s,，、]+/).filter(Boolean)
      const record = await recordAccountability({ ...draft, issueIds: ids })
      if (file) await uploadDocument(record.id, file)
      return record
    },
    onSuccess: () => {
      setDraft(blank)
      setIssues('')
      setFile(undefined)
      return queryClient.invalidateQueries({ queryKey: accountabilityKeys.all })
    },
  })
  return (
    <SubmitForm
      className="accountability-form"
      data-testid="accountability-form"
      onSubmit={() => save.mutate()}
    >
      <h3>记录问责</h3>
      {!props.unit && (
        <FormField label="问责对象（责任单位）">
          <select {...field('targetCode')}>
            <SelectOptions empty="请选择" options={codeNameOptions(props.units)} />
          </select>
        </FormField>
      )}
      <FormField label="问责方式">
        <select {...field('kind')}>
          <SelectOptions options={kindOptions} />
        </select>
      </FormField>
      <FormField label="决定日期">
        <input type="date" {...field('decidedOn')} />
      </FormField>
      <FormField label="决定机关">
        <input {...field('decidedBy')} />
      </FormField>
      <FormField label="涉及问题（问题编号，如 2026-000123，逗号或空格分隔）">
        <input name="issueIds" value={issues} onChange={(e) => setIssues(e.target.value)} />
      </FormField>
      <FormField label="说明">
        <textarea rows={2} {...field('note')} />
      </FormField>
      <FormField label="文书（PDF 或扫描图片，不超过 5 MB）">
        <input
          type="file"
          name="document"
          accept="application/pdf,image/jpeg,image/png,image/webp"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
      </FormField>
      <div className="action-form__buttons">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? '正在保存…' : '保存问责记录'}
        </button>
      </div>
      {save.isSuccess && <p className="ok">已记录。</p>}
      {fieldMessages(save.error).map((m) => (
        <p key={m} className="form-error" role="alert">
          {m}
        </p>
      ))}
    </SubmitForm>
  )
}
