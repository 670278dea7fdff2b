// 导入网格 / 乡镇界 / 测评点位: an administrator picks the layer, uploads the county's own file
// (GeoJSON, zipped Shapefile, GeoPackage; WGS84 or CGCS2000), sees the check — coordinate system,
// count, overlaps and gaps (drawn on the map by the screen) and attribute errors — and only then
// confirms the import, which replaces that layer (and takes its 示意 label away).
import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useEscape } from '../../lib/use-escape.ts'
import { FormField } from '../../ui/form-field.tsx'
import {
  type GridImportReply,
  type GridImportReport,
  type ImportLayer,
  importLayerFile,
  type LayerChanges,
} from './api.ts'

const formats = 'GeoJSON、zip 压缩的 Shapefile 或 GeoPackage；WGS84 或 CGCS2000 坐标系'

const layers: Record<
  ImportLayer,
  { label: string; title: string; unit: string; help: string; done: (r: Reply) => string }
> = {
  grids: {
    label: '网格',
    title: '导入网格数据',
    unit: '个网格',
    help: `上传本县的网格文件（${formats}），须含网格编码、网格名称、责任单位，可含网格长、联系电话。校验通过后替换全部网格，问题与点位按位置重新归属。`,
    done: (r) =>
      `已导入 ${r.report.grids} 个网格（新增 ${r.imported?.created}，注销 ${r.imported?.retired}）；${r.imported?.reattributed.issues} 个问题、${r.imported?.reattributed.checkpoints} 个点位重新归属网格。`,
  },
  townships: {
    label: '乡镇界',
    title: '导入乡镇界',
    unit: '个乡镇',
    help: `上传本县的乡镇界文件（${formats}），须含乡镇代码（9 位）、乡镇名称。乡镇须在县界内、互不重叠，各网格所属乡镇须仍在其中；校验通过后替换乡镇图层，问题与点位按位置重新归属乡镇。`,
    done: (r) =>
      `已导入 ${r.report.grids} 个乡镇；${r.changes?.reattributed?.issues ?? 0} 个问题、${r.changes?.reattributed?.checkpoints ?? 0} 个点位重新归属乡镇。`,
  },
  checkpoints: {
    label: '测评点位',
    title: '导入测评点位',
    unit: '个点位',
    help: `上传本县的测评点位文件（${formats}），须含名称、类别，可含点位编码、类型（固定/随机）、责任单位。替换全部点位：点位编码与现有点位编号相同者保留编号，其余分配新编号，文件中没有的现有点位删除。`,
    done: (r) =>
      `已导入 ${r.report.grids} 个点位（保留编号 ${r.changes?.kept ?? 0}，新增 ${r.changes?.added ?? 0}，删除 ${r.changes?.removed ?? 0}）。`,
  },
}

type Reply = GridImportReply & { changes?: LayerChanges }

const kindLabels: Record<string, string> = {
  overlap: '重叠',
  gap: '缝隙',
  outside: '超出县界',
  invalid: '边界无效',
}

export interface ImportDialogProps {
  onReport: (report: GridImportReport | undefined) => void // the screen draws its problems
  onImported: (layer: ImportLayer) => void
  onClose: () => void
}

export function ImportDialog({ onReport, onImported, onClose }: ImportDialogProps) {
  const id = useId()
  const [file, setFile] = useState<File>()
  const [layer, setLayer] = useState<ImportLayer>('grids')
  const check = useMutation({
    mutationFn: (f: File) => importLayerFile(layer, f, true),
    onSuccess: (reply) => onReport(reply.report),
  })
  const run = useMutation({
    mutationFn: (f: File) => importLayerFile(layer, f, false),
    onSuccess: (reply) => {
      onReport(reply.imported ? undefined : reply.report)
      if (reply.imported) onImported(layer)
    },
  })
  const about = layers[layer]
  const restart = () => {
    check.reset()
    run.reset()
    onReport(undefined)
  }
  useEscape(onClose)

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
      <h2 id={`${id}-title`}>{about.title}</h2>
      <fieldset className="import-panel__layers" disabled={busy}>
        <legend className="form-field__label">替换哪个图层</legend>
        {(Object.keys(layers) as ImportLayer[]).map((key) => (
          <label key={key}>
            <input
              type="radio"
              name={`${id}-layer`}
              value={key}
              checked={layer === key}
              data-testid={`import-layer-${key}`}
              onChange={() => {
                setLayer(key)
                restart()
              }}
            />
            {layers[key].label}
          </label>
        ))}
      </fieldset>
      <p className="muted">{about.help}</p>
      <FormField label={`${about.label}文件`}>
        <input
          type="file"
          accept=".geojson,.json,.zip,.gpkg"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0])
            restart()
          }}
        />
      </FormField>
      {failure && (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      )}
      {report && <ReportView report={report} unit={about.unit} />}
      {run.data?.imported && (
        <p role="status" data-testid="grid-import-done">
          {about.done(run.data)}
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

function ReportView({ report, unit }: { report: GridImportReport; unit: string }) {
  return (
    <div className="import-report" data-testid="grid-import-report">
      {report.crs && (
        <p>
          坐标系：{report.crs}；共 {report.grids} {unit}。
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
