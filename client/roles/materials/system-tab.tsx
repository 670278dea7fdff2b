// 测评体系: the system of each year (项目 / 内容 / 标准 counts, 一票否决 items, points per 测评方式), its
// XLSX to download, and for administrators the import of a year's workbook (the county keeps the
// official text; a new store ships a 示意 system). Errors name the row and column.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { assessmentMethodLabels } from '../../../server/domain/labels-zh.ts'
import {
  type AssessmentSystemSummary,
  importSystem,
  systemExportUrl,
  systemsQuery,
} from '../../features/materials/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { formatDateTime } from '../../lib/format.ts'
import { DataTable } from '../../ui/data-table.tsx'
import { ErrorText } from '../../ui/error-text.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'

const methods = ['field', 'materials', 'survey', 'departments'] as const

/** The rows of an import the server refused: 第 N 行「列」：message. */
function importProblems(error: unknown): string[] {
  if (!(error instanceof ApiError)) return []
  return (error.problem?.errors ?? []).flatMap((e) => {
    const { row, column, message } = e as { row?: number; column?: string; message?: unknown }
    if (typeof message !== 'string') return []
    return [
      `${row ? `第 ${row} 行` : ''}${column ? `「${column}」` : ''}${row || column ? '：' : ''}${message}`,
    ]
  })
}

export function SystemTab({ canImport }: { canImport: boolean }) {
  const queryClient = useQueryClient()
  const systems = useQuery(systemsQuery())
  const [file, setFile] = useState<File>()
  const upload = useMutation({
    mutationFn: (f: File) => importSystem(f),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assessment'] }),
  })
  const problems = importProblems(upload.error)
  return (
    <section className="card" data-testid="system-tab">
      <h2>测评体系</h2>
      <p className="muted">
        测评项目 → 测评内容 →
        测评标准，每条标准注明测评方式、分值、是否一票否决及牵头、负责、配合单位；按年度分版本。
      </p>
      <ErrorText error={systems.error} />
      {systems.data?.length === 0 && <p className="muted">尚无测评体系，请由管理员导入。</p>}
      {systems.data && systems.data.length > 0 && (
        <DataTable
          testId="system-list"
          rows={systems.data}
          rowKey={(s) => s.year}
          columns={[
            { head: '年度', cell: (s) => s.year },
            {
              head: '名称',
              cell: (s) => (
                <>
                  {s.name}
                  {s.illustrative && (
                    <span className="muted">
                      {s.name.includes('示意') ? '（非官方文本）' : '（示意，非官方文本）'}
                    </span>
                  )}
                </>
              ),
            },
            {
              head: '项目 / 内容 / 标准',
              cell: (s) => (
                <>
                  {s.counts.items} / {s.counts.contents} / {s.counts.standards}
                </>
              ),
            },
            { head: '一票否决', cell: (s) => <>{s.counts.veto} 项</> },
            ...methods.map((m) => ({
              key: m,
              head: assessmentMethodLabels[m],
              cell: (s: AssessmentSystemSummary) => <>{s.totals[m]} 分</>,
            })),
            {
              head: '更新',
              cell: (s) => (
                <>
                  {formatDateTime(s.updatedAt)}
                  {s.updatedBy === 'system' ? '（系统预置）' : `（${s.updatedBy}）`}
                </>
              ),
            },
            {
              head: '文件',
              cell: (s) => (
                <a href={systemExportUrl(s.year)} data-testid={`system-export-${s.year}`}>
                  下载 XLSX
                </a>
              ),
            },
          ]}
        />
      )}
      {canImport && (
        <SubmitForm
          className="form inline"
          onSubmit={() => {
            if (file) upload.mutate(file)
          }}
        >
          <h3>导入测评体系（整年替换）</h3>
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="测评体系 XLSX"
            data-testid="system-file"
            onChange={(e) => {
              setFile(e.target.files?.[0])
              upload.reset()
            }}
          />
          <button type="submit" disabled={!file || upload.isPending}>
            导入
          </button>
          {upload.data && (
            <p className="ok" role="status">
              已导入 {upload.data.year} 年度：{upload.data.counts.standards} 条标准。
            </p>
          )}
          {problems.length > 0 ? (
            <ul className="form-error" role="alert">
              {problems.slice(0, 20).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <ErrorText error={upload.error} />
          )}
        </SubmitForm>
      )}
    </section>
  )
}
