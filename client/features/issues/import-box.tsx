// 导入台账: pick an XLSX or CSV file, send it, and show either the count imported or, when the
// server rejects the file (nothing is half-imported), its row-level errors as a table.
import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { formatBytes, formatCount } from '../../lib/format.ts'
import { TableHead } from '../../ui/data-table.tsx'
import { DisclosureButton } from '../../ui/disclosure-button.tsx'
import { importLedger } from './api.ts'
import { importErrors, importKind, maxImportBytes } from './ledger-import.ts'

export function ImportBox({ onImported }: { onImported: () => void }) {
  const inputId = useId()
  const [open, setOpen] = useState(false)
  const [localError, setLocalError] = useState<string>()
  const mutation = useMutation({
    mutationFn: ({ file, kind }: { file: File; kind: 'xlsx' | 'csv' }) => importLedger(file, kind),
    onSuccess: () => onImported(),
  })

  const pick = (file: File | undefined) => {
    setLocalError(undefined)
    mutation.reset()
    if (!file) return
    const kind = importKind(file.name)
    if (!kind)
      return setLocalError(
        `“${file.name}”不是 XLSX 或 CSV 文件。请从 Excel 另存为 .xlsx 或 .csv 后再导入。`,
      )
    if (file.size > maxImportBytes)
      return setLocalError(`文件有 ${formatBytes(file.size)}，超过 20 MB，请分批导入。`)
    mutation.mutate({ file, kind })
  }

  const rows = importErrors(mutation.error)
  return (
    <>
      <DisclosureButton open={open} onOpenChange={setOpen} className="text-button">
        导入台账
      </DisclosureButton>
      {open && (
        <div className="import-box" data-testid="import-box">
          <p className="import-box__hint">
            上传 Excel（.xlsx）或 CSV 文件，表头用中文列名（与“导出
            Excel”一致）。有任何一行出错时整个文件不导入，请按下表修改后重新上传。
          </p>
          <label htmlFor={inputId} className="text-button">
            {mutation.isPending ? '正在导入…' : '选择文件'}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="visually-hidden"
            disabled={mutation.isPending}
            onChange={(e) => {
              pick(e.target.files?.[0])
              e.target.value = '' // the same file can be picked again after fixing it
            }}
          />
          {localError && (
            <p className="form-error" role="alert">
              {localError}
            </p>
          )}
          {mutation.isSuccess && (
            <p className="form-success" role="status">
              已导入 {formatCount(mutation.data.imported)} 条问题。
            </p>
          )}
          {mutation.isError && (
            <div role="alert">
              <p className="form-error">
                {rows.length
                  ? `文件未导入：有 ${formatCount(rows.length)} 处错误。`
                  : mutation.error.message}
              </p>
              {rows.length > 0 && (
                <div className="import-box__errors">
                  <table>
                    <TableHead headings={['行', '列', '问题']} />
                    <tbody>
                      {rows.slice(0, 200).map((row) => (
                        <tr key={`${row.row}-${row.column}-${row.message}`}>
                          <td>{row.row ?? '—'}</td>
                          <td>{row.column ?? '—'}</td>
                          <td>{row.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {rows.length > 200 && <p>只显示前 200 处错误。</p>}
                </div>
              )}
            </div>
          )}
        </div>
      )}
    </>
  )
}
