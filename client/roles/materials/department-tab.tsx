// 部门评价 (征求上级主管部门意见): the result in force for the newest 测评体系 year with its history,
// and for the 创建办 the form that records a new one (it supersedes; the old stays listed).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  departmentEvaluationKeys,
  departmentEvaluationsQuery,
  recordDepartmentEvaluation,
} from '../../features/materials/department-evaluation-api.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'

const blank = { score: '', department: '', document: '', evaluatedOn: '', note: '' }

export function DepartmentTab({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient()
  const list = useQuery(departmentEvaluationsQuery())
  const [form, setForm] = useState(blank)
  const data = list.data
  const add = useMutation({
    mutationFn: () =>
      recordDepartmentEvaluation({
        year: data?.year ?? 0,
        score: Number(form.score),
        department: form.department,
        document: form.document,
        evaluatedOn: form.evaluatedOn,
        ...(form.note.trim() ? { note: form.note } : {}),
      }),
    onSuccess: async () => {
      setForm(blank)
      await client.invalidateQueries({ queryKey: departmentEvaluationKeys.all })
    },
  })
  const field = (key: keyof typeof blank) => ({
    value: form[key],
    'data-testid': `department-${key}`,
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  })
  const current = data?.items.find((e) => e.current)
  return (
    <div className="materials__stack" data-testid="department-tab">
      <section className="card">
        <h2>征求上级主管部门意见（部门评价）</h2>
        <ErrorText error={list.error} />
        {data && (
          <p data-testid="department-current">
            {data.year} 年度满分 {data.points} 分；
            {current
              ? `现行结果 ${current.score} 分（${current.department}，${current.evaluatedOn}）`
              : '尚未录入'}
          </p>
        )}
        {data && data.items.length > 0 && (
          <DataTable
            testId="department-history"
            rows={data.items}
            rowKey={(e) => e.id}
            row={(e) => ({ 'data-current': e.current })}
            columns={[
              {
                head: '得分',
                cell: (e) => (
                  <>
                    {e.score} / {e.points}
                  </>
                ),
              },
              { head: '上级主管部门', cell: (e) => e.department },
              {
                head: '依据文件',
                cell: (e) => (
                  <>
                    {e.document}
                    {e.note && <span className="muted">（{e.note}）</span>}
                  </>
                ),
              },
              { head: '日期', cell: (e) => e.evaluatedOn },
              {
                head: '录入',
                cell: (e) => (
                  <>
                    {e.enteredBy} · {e.enteredAt.slice(0, 10)}
                  </>
                ),
              },
              { head: '状态', cell: (e) => (e.current ? '现行' : '已被取代') },
            ]}
          />
        )}
      </section>
      {canEdit && data && (
        <section className="card">
          <h2>录入部门评价结果</h2>
          <p className="muted">
            新录入的结果取代原结果，原结果保留在上表中；得分预测按现行结果计。
          </p>
          <SubmitForm className="form narrow" onSubmit={() => add.mutate()}>
            <label>
              得分（0 – {data.points}）
              <input
                type="number"
                step="0.01"
                min={0}
                max={data.points}
                required
                {...field('score')}
              />
            </label>
            <label>
              上级主管部门
              <input placeholder="如 省文明办" required maxLength={60} {...field('department')} />
            </label>
            <label>
              依据文件（标题或文号）
              <input required maxLength={200} {...field('document')} />
            </label>
            <label>
              日期
              <input type="date" required {...field('evaluatedOn')} />
            </label>
            <label>
              备注
              <input maxLength={500} {...field('note')} />
            </label>
            <button type="submit" disabled={add.isPending} data-testid="department-submit">
              录入
            </button>
          </SubmitForm>
          <ErrorText error={add.error} />
        </section>
      )}
    </div>
  )
}
