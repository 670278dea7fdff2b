// 数据交换 Exchange: the filtered ledger and any layer as files; ledger and check-point imports
// (all or nothing).
import { collections } from '../../collections.ts'
import { layerFormats, ledgerFormats } from '../../ledger/exchange.ts'
import { checkpointImportQuery, gridImportQuery } from '../routes/exchange.ts'
import { issueExportSchema } from '../routes/issue-query.ts'
import { anyObject, type Json, jsonResponse, pathParameter, t, tags } from './common.ts'
import { issueFilterDescriptions } from './ledger.ts'
import { fileImport, formatDownload, type Route, toPart } from './route-table.ts'

const imported = jsonResponse(
  '全部导入成功',
  t.object({ imported: { type: 'integer', minimum: 0 } }, ['imported']),
)
const problem = t.object(
  {
    kind: { type: 'string', enum: ['overlap', 'gap', 'outside', 'invalid'] },
    codes: { type: 'array', items: t.string },
    areaM2: t.number,
    message: t.string,
  },
  ['kind', 'codes', 'areaM2', 'message'],
)
/** A tiling import's report: how many features, the problems and where they lie on the map. */
function tilingReport(count: 'grids' | 'townships', where: string) {
  return t.object(
    {
      valid: t.boolean,
      crs: { type: 'string', description: '文件的坐标系' },
      [count]: { type: 'integer', minimum: 0 },
      problems: { type: 'array', items: problem },
      problemFeatures: {
        type: 'object',
        description: `${where}的范围（GeoJSON FeatureCollection，WGS84），供地图绘制`,
      },
      errors: { type: 'array', items: anyObject },
    },
    ['valid', 'crs', count, 'problems', 'problemFeatures', 'errors'],
  )
}
const gridImportReport = tilingReport('grids', '重叠、缝隙等问题')
const townshipImportReport = tilingReport('townships', '重叠、超出县界、缝隙')
const checkpointLayerReport = t.object(
  {
    valid: t.boolean,
    crs: { type: 'string', description: '文件的坐标系' },
    checkpoints: { type: 'integer', minimum: 0 },
    errors: { type: 'array', items: anyObject },
  },
  ['valid', 'crs', 'checkpoints', 'errors'],
)
const layerFileFormats =
  '原始字节，格式按 filename 的扩展名：GeoJSON、压缩的 Shapefile（.zip，须含 .prj）或 GeoPackage（.gpkg）；坐标系为 WGS84、CGCS2000 经纬度或 CGCS2000 高斯-克吕格 3°/6° 带（EPSG:4490–4554）。'
const layerImportQuery = {
  schema: gridImportQuery,
  describe: { filename: '原文件名（决定格式）', dryRun: '只校验不写入' },
}

/** A whole-layer import: the file, its report and what changed; 400 ImportFailed with the report. */
function layerImport(
  route: Route['route'],
  operationId: string,
  summary: string,
  description: string,
  outcome: string,
  report: Json,
): Route {
  return {
    route,
    operationId,
    summary,
    description: `${layerFileFormats}${description}`,
    who: 'write',
    query: layerImportQuery,
    ...fileImport(['application/octet-stream']),
    ok: jsonResponse(
      outcome,
      t.object({ report, changes: anyObject, imported: anyObject }, ['report']),
    ),
  }
}

const routes: Route[] = [
  {
    route: 'GET /api/issues/export.{format}',
    operationId: 'exportIssues',
    summary: '导出问题台账（与列表相同的筛选）',
    description: '文件名 问题台账-YYYYMMDD.<格式>；其他格式 → 404。',
    tags: [tags.exchange, tags.ledger],
    who: 'read',
    ...formatDownload('问题台账文件', ledgerFormats),
    query: { schema: issueExportSchema, describe: issueFilterDescriptions },
  },
  {
    route: 'GET /api/layers/{collectionId}/export.{format}',
    operationId: 'exportLayer',
    summary: '导出整个图层（CSV 为中文表头）',
    who: 'read',
    ...formatDownload(
      '图层文件',
      layerFormats,
      [
        pathParameter('collectionId', '图层', {
          type: 'string',
          enum: collections.map((c) => c.id),
        }),
      ],
      [400],
    ),
  },
  {
    route: 'POST /api/issues/import',
    operationId: 'importIssues',
    summary: '导入问题台账（督导员、管理员，ledger_import）',
    description:
      '原始字节：Excel（.xlsx）或 CSV（text/csv、application/csv、text/plain）。有任何错误则不导入（400，code ImportFailed，errors 按行列出）；导入的问题各有一条 import 事件。',
    tags: [tags.exchange, tags.ledger],
    who: 'write',
    ...fileImport([ledgerFormats.xlsx, 'text/csv', 'application/csv', 'text/plain']),
    ok: imported,
  },
  {
    route: 'POST /api/grids/import',
    operationId: 'importGrids',
    summary: '导入县域网格数据，替换全部网格（管理员，layer_import）',
    description: `${layerFileFormats}属性：网格编码、网格名称、责任单位（名称或代码）、网格长、联系电话，可选乡镇代码、村（社区）代码。网格须铺满县域：重叠或缝隙超过 100 平方米则不导入（400，report 附问题范围）。dryRun=true 只校验，返回报告。导入后问题与点位按位置重新归属网格、乡镇，未办结问题随网格转交新责任单位。`,
    who: 'write',
    query: layerImportQuery,
    ...fileImport(['application/octet-stream']),
    ok: jsonResponse(
      '校验报告；非 dryRun 时附导入结果',
      t.object({ report: gridImportReport, imported: anyObject }, ['report']),
    ),
  },
  layerImport(
    'POST /api/layers/townships/import',
    'importTownships',
    '导入县域乡镇界，替换乡镇图层（管理员，layer_import）',
    '属性：乡镇代码（9 位，本县）、乡镇名称。乡镇须在县界内、互不重叠（超过 100 平方米则不导入，400，report 附问题范围）；缝隙只报告，除非有问题或点位落在缝隙里。每个网格的乡镇代码须仍在新乡镇界中。导入后问题与点位按位置重新归属乡镇；乡镇图层不再标注“示意”。dryRun=true 只校验，返回报告与将发生的变化（changes）。',
    '校验报告、变化（新增、删除、改名的乡镇，重新归属的问题与点位数）；非 dryRun 时附网格版本',
    townshipImportReport,
  ),
  layerImport(
    'POST /api/layers/checkpoints/import',
    'importCheckpointLayer',
    '导入县域测评点位，替换点位图层（管理员，layer_import）',
    '属性：点位编码（可选）、名称、类型（固定/随机，可由类别推出）、类别、责任单位（可选）。替换整个点位图层：点位编码与现有点位编号相同者保留原编号（测评记录、问题、方案仍关联），其余分配新编号，文件中没有的现有点位删除。每个点位须在县界内、某个网格内；所属网格、村、乡镇按位置确定。任何错误则不导入（400）。点位图层不再标注“示意”。dryRun=true 只校验。',
    '校验报告、变化（保留、新增、删除的点位数）；非 dryRun 时附网格版本',
    checkpointLayerReport,
  ),
  {
    route: 'POST /api/checkpoints/import',
    operationId: 'importCheckpoints',
    summary: '导入测评点位（规划人员、管理员，checkpoint_import）',
    description:
      '原始字节，格式按 filename 的扩展名：GeoJSON、KML、KMZ 或压缩的 Shapefile（.zip）。点位编号 cp-NNNN，乡镇、村、网格按位置填写；可选「责任单位」列（单位名称或代码）为点位指定本单位（点长制）。',
    who: 'write',
    query: { schema: checkpointImportQuery, describe: { filename: '原文件名（决定格式）' } },
    ...fileImport(['application/octet-stream']),
    ok: imported,
  },
]

export const exchangePart = toPart(tags.exchange, routes)
