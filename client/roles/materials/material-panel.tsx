// One 台账材料: its files and photos, the 说明报告's five elements, submission, and the 创建办's review.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import {
  materialStatusLabels,
  reportElementLabels,
  reportElements,
} from '../../../server/domain/material.ts'
import {
  type MaterialReport,
  type MaterialTask,
  type MaterialView,
  materialKeys,
  materialQuery,
  openMaterial,
  removeFile,
  reviewMaterial,
  saveReport,
  submitMaterial,
  uploadFile,
} from '../../features/materials/api.ts'
import { ErrorText } from '../../ui/error-text.tsx'

const accept = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp'

const emptyReport = Object.fromEntries(reportElements.map((e) => [e, ''])) as Record<
  (typeof reportElements)[number],
  string
>

export function MaterialPanel(props: {
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
  const submit = useMutation({
    mutationFn: async () => {
      await saveReport(id as string, report)
      return submitMaterial(id as string)
    },
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
          <MaterialFiles material={m} editable={Boolean(editable)} onChanged={invalidate} />
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
            <ReviewActions materialId={m.id} onReviewed={invalidate} />
          )}
        </>
      )}
    </div>
  )
}

function MaterialFiles(props: {
  material: MaterialView
  editable: boolean
  onChanged: () => Promise<void>
}) {
  const m = props.material
  const editable = props.editable
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) await uploadFile(m.id, file)
    },
    onSettled: props.onChanged,
  })
  const remove = useMutation({
    mutationFn: (fileId: string) => removeFile(m.id, fileId),
    onSuccess: props.onChanged,
  })
  return (
    <>
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
    </>
  )
}

function ReviewActions(props: { materialId: string; onReviewed: () => Promise<void> }) {
  const [reason, setReason] = useState('')
  const review = useMutation({
    mutationFn: (decision: 'approve' | 'return') =>
      reviewMaterial(props.materialId, decision, decision === 'return' ? reason : undefined),
    onSuccess: props.onReviewed,
  })
  return (
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
  )
}
