// 导入网格: an administrator uploads the county's own grid file (GeoJSON, zipped Shapefile,
// GeoPackage; WGS84 or CGCS2000), sees the check — coordinate system, grid count, overlaps and gaps
// (drawn on the map by the screen) and attribute errors — and only then confirms the import.
import { useMutation } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { type GridImportReply, type GridImportReport, importGridFile } from './api.ts'

const kindLabels: Record<string, string> = {
  overlap: '重叠',
  gap: '缝隙',
  outside: '超出县界',
  invalid: '边界无效',
}

export interface ImportDialogProps {
  onReport: (report: GridImportReport | undefined) => void // the screen draws its problems
  onImported: (reply: GridImportReply) => void
  onClose: () => void
}

export function ImportDialog({ onReport, onImported, onClose }: ImportDialogProps) {
  const id = useId()
  const [file, setFile] = useState<File>()
  const check = useMutation({
    mutationFn: (f: File) => importGridFile(f, true),
    onSuccess: (reply) => onReport(reply.report),
  })
  const run = useMutation({
    mutationFn: (f: File) => importGridFile(f, false),
    onSuccess: (reply) => {
      onReport(reply.imported ? undefined : reply.report)
      if (reply.imported) onImported(reply)
    },
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const report = run.data?.report ?? check.data?.report
  const busy = check.isPending || run.isPending
  const failure = check.error ?? run.error
  return (
    <div
      className="import-panel"
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="grid-import-dialog"
    >
      <h2 id={`${id}-title`}>导入网格数据</h2>
      <p className="muted">
        上传本县的网格文件（GeoJSON、zip 压缩的 Shapefile 或 GeoPackage；WGS84 或 CGCS2000
        坐标系），须含网格编码、网格名称、责任单位，可含网格长、联系电话。校验通过后替换全部网格，问题与点位按位置重新归属。
      </p>
      <label className="form-field">
        <span className="form-field__label">网格文件</span>
        <input
          type="file"
          accept=".geojson,.json,.zip,.gpkg"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0])
            check.reset()
            run.reset()
            onReport(undefined)
          }}
        />
      </label>
      {failure && (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      )}
      {report && <ReportView report={report} />}
      {run.data?.imported && (
        <p role="status" data-testid="grid-import-done">
          已导入 {run.data.report.grids} 个网格（新增 {run.data.imported.created}，注销{' '}
          {run.data.imported.retired}）；{run.data.imported.reattributed.issues} 个问题、
          {run.data.imported.reattributed.checkpoints} 个点位重新归属网格。
        </p>
      )}
      <div className="import-panel__actions">
        <button type="button" disabled={!file || busy} onClick={() => file && check.mutate(file)}>
          {check.isPending ? '正在校验…' : '校验'}
        </button>
        <button
          type="button"
          className="is-primary"
          disabled={!file || busy || !check.data?.report.valid || Boolean(run.data?.imported)}
          onClick={() => file && run.mutate(file)}
        >
          {run.isPending ? '正在导入…' : '确认导入'}
        </button>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
    </div>
  )
}

function ReportView({ report }: { report: GridImportReport }) {
  return (
    <div className="import-report" data-testid="grid-import-report">
      {report.crs && (
        <p>
          坐标系：{report.crs}；共 {report.grids} 个网格。
          {report.valid ? '校验通过，可以导入。' : '校验未通过，未导入任何数据：'}
        </p>
      )}
      {report.problems.length > 0 && (
        <ul className="import-report__problems">
          {report.problems.map((p) => (
            <li key={`${p.kind}:${p.codes.join(',')}:${p.areaM2}`} data-kind={p.kind}>
              <strong>{kindLabels[p.kind] ?? p.kind}</strong> {p.message}
            </li>
          ))}
        </ul>
      )}
      {report.errors.length > 0 && (
        <ul className="import-report__errors">
          {report.errors.map((e) => (
            <li key={`${e.row}:${e.column}:${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
      {report.problems.length > 0 && (
        <p className="muted">
          地图上红色为重叠、橙色为缝隙或超出县界的范围；请在 GIS 软件中修改后重新上传。
        </p>
      )}
    </div>
  )
}
