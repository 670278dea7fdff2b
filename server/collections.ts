// The one list of served collections: id, Chinese title, source file, and the queryables each accepts.
// The geodata build writes geodata/<id>.geojson; the store loads them; the OGC layer describes them.

import { place } from './config/place.ts'
import { checkpointCategories, checkpointKinds } from './domain/checkpoint.ts'
import { issueCategories, issueStatuses } from './domain/issue.ts'
import { issueNoPattern } from './domain/issue-number.ts'
import { issueSources } from './domain/supervision.ts'

export interface PropertyFilter {
  /** query parameter name: the property's own name (`townshipCode`), so GDAL and QGIS push
   * `-where townshipCode = '…'` to the server */
  param: string
  /** feature property it matches, e.g. `townshipCode` */
  property: string
  /** older short parameter names, still accepted and declared as deprecated in /api */
  aliases?: readonly string[]
  description: string
  /** allowed values; absent = any string */
  values?: readonly string[]
  /** computed at query time from other properties and the clock, never stored (overdue) */
  derived?: boolean
  /** the form every stored value has (a JSON Schema pattern), declared in the feature schema */
  pattern?: string
}

export interface CollectionDef {
  id: string
  title: string
  description: string
  geometryType: 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon'
  filters: readonly PropertyFilter[]
  /** feature property that `datetime` filters on; absent = features have no time */
  temporalProperty?: string
  synthetic: boolean
}

const townshipFilter: PropertyFilter = {
  param: 'townshipCode',
  property: 'townshipCode',
  aliases: ['township'],
  description: `乡镇 9 位统计用区划代码，如 ${place.seatTownship.code}`,
}

const unitFilter: PropertyFilter = {
  param: 'responsibleUnit',
  property: 'responsibleUnit',
  aliases: ['unit'],
  description: '责任单位代码',
}

export const collections: readonly CollectionDef[] = [
  {
    id: 'county',
    title: '县域边界',
    description: place.outlineDescription,
    geometryType: 'Polygon',
    filters: [],
    synthetic: false,
  },
  {
    id: 'neighbors',
    title: '周边县市',
    description: '相邻 6 个县市的界线，仅作底图参考',
    geometryType: 'MultiPolygon',
    filters: [],
    synthetic: false,
  },
  {
    id: 'rivers',
    title: '河流',
    description: 'Natural Earth 1:1000 万河流中心线，裁剪到县域周边（示意，公里级偏差）',
    geometryType: 'MultiLineString',
    filters: [],
    synthetic: false,
  },
  {
    id: 'roads',
    title: '示意道路',
    description:
      '示意线路，非真实道路：县城至各乡镇政府所在地的示意连线，用于沿路整治范围，待导入真实道路数据',
    geometryType: 'LineString',
    filters: [townshipFilter],
    synthetic: true,
  },
  {
    id: 'seats',
    title: '县城及乡镇政府所在地',
    description: '县城与 10 个乡镇政府所在地（高德中心点转 WGS84）',
    geometryType: 'Point',
    filters: [],
    synthetic: false,
  },
  {
    id: 'townships',
    title: '乡镇（示意界线）',
    description: '10 个乡镇的示意边界：由政府所在地与锚点的泰森多边形合并并裁剪到县界，非官方界线',
    geometryType: 'MultiPolygon',
    filters: [],
    synthetic: true,
  },
  {
    id: 'villages',
    title: '村（社区）',
    description: '83 个村委会/社区，名称与代码为国家统计局 2023 年数据；73 个位置为示意',
    geometryType: 'Point',
    filters: [townshipFilter],
    synthetic: true,
  },
  {
    id: 'township-radii',
    title: '乡镇政府所在地1公里范围',
    description: '以乡镇政府所在地为圆心、半径 1 公里的整治范围及其中的村（社区）',
    geometryType: 'Polygon',
    filters: [townshipFilter],
    synthetic: false,
  },
  {
    id: 'grids',
    title: '责任网格',
    description: '网格化管理责任网格（示意），15 位网格编码，含责任单位与网格长',
    geometryType: 'MultiPolygon',
    filters: [townshipFilter, unitFilter],
    synthetic: true,
  },
  {
    id: 'checkpoints',
    title: '测评点位',
    description: '固定点位（必检点）与随机点位候选池（示意）',
    geometryType: 'Point',
    filters: [
      { param: 'kind', property: 'kind', description: '点位类型', values: checkpointKinds },
      {
        param: 'category',
        property: 'category',
        description: '测评类别',
        values: checkpointCategories,
      },
      townshipFilter,
    ],
    synthetic: true,
  },
  {
    id: 'issues',
    title: '问题台账',
    description: '巡查发现的问题及其整改闭环（示意数据）；datetime 按发现时间筛选',
    geometryType: 'Point',
    filters: [
      { param: 'status', property: 'status', description: '办理状态', values: issueStatuses },
      { param: 'category', property: 'category', description: '问题类别', values: issueCategories },
      townshipFilter,
      {
        param: 'gridCode',
        property: 'gridCode',
        aliases: ['grid'],
        description: '15 位网格编码',
      },
      unitFilter,
      {
        param: 'overdue',
        property: 'overdue',
        description: '是否逾期：未销号且已过整改期限（按查询时刻计算，不存储）',
        values: ['true', 'false'],
        derived: true,
      },
      { param: 'source', property: 'source', description: '问题来源', values: issueSources },
      { param: 'roundId', property: 'roundId', description: '督查轮次编号，如 round-0001' },
      {
        param: 'issueNo',
        property: 'issueNo',
        description: '问题编号，如 2026-000123',
        pattern: issueNoPattern.source,
      },
    ],
    temporalProperty: 'reportedAt',
    synthetic: true,
  },
]

export function findCollection(id: string): CollectionDef | undefined {
  return collections.find((c) => c.id === id)
}
