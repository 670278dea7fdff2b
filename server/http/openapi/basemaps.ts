// 底图 Base maps: the configured tile services and the county's own MBTiles/PMTiles files
// (BASE_MAPS_FILE, config/base-maps.ts); the offline base map needs none of this.
import { binaryContent, jsonResponse, pathParameter, t, tags } from './common.ts'
import { type Route, toPart } from './route-table.ts'

const baseMap = t.object(
  {
    id: { type: 'string', example: 'county-img' },
    name: { type: 'string', description: '中文名称（底图切换中显示）', example: '县自有影像' },
    type: { type: 'string', enum: ['raster', 'vector'] },
    tiles: {
      type: 'string',
      description:
        'XYZ 瓦片地址模板（{z}/{x}/{y}）。本系统提供的瓦片文件为 /api/basemaps/{id}/{z}/{x}/{y}；天地图等服务的地址已填入密钥',
    },
    tileSize: { type: 'integer', enum: [256, 512] },
    minzoom: { type: 'integer', minimum: 0, maximum: 22 },
    maxzoom: { type: 'integer', minimum: 0, maximum: 22 },
    attribution: { type: 'string', description: '版权与来源说明（地图下方显示）' },
    layers: t.array(t.string),
  },
  ['id', 'name', 'type', 'tiles', 'tileSize', 'minzoom', 'maxzoom', 'attribution', 'layers'],
)

const tileCoordinate = (name: string, description: string) =>
  pathParameter(name, description, { type: 'integer', minimum: 0 })

const routes: Route[] = [
  {
    route: 'GET /api/basemaps',
    operationId: 'listBaseMaps',
    summary: '可选底图（离线底图之外，由 BASE_MAPS_FILE 配置）',
    description:
      '离线底图始终可用且为默认；此处列出配置的 XYZ 栅格/矢量瓦片服务与本县自有的 MBTiles/PMTiles 文件。GCJ-02 底图在启动时即被拒绝。',
    who: 'read',
    ok: jsonResponse('底图列表', t.object({ baseMaps: t.array(baseMap) }, ['baseMaps'])),
  },
  {
    route: 'GET /api/basemaps/{id}/{z}/{x}/{y}',
    operationId: 'getBaseMapTile',
    summary: '本系统提供的底图瓦片（本县自有的 MBTiles / PMTiles 文件）',
    description:
      'XYZ 瓦片（y 向下；MBTiles 的 TMS 行号由服务器换算）。无此瓦片时 204；If-None-Match 与 ETag 相同时 304。以 gzip 存储的矢量瓦片原样发送并带 Content-Encoding: gzip。',
    who: 'read',
    params: [
      pathParameter('id', '底图编号（仅限文件底图）'),
      tileCoordinate('z', '缩放级别'),
      tileCoordinate('x', '列号'),
      tileCoordinate('y', '行号（自北向南）'),
    ],
    ok: {
      description: '瓦片',
      headers: {
        ETag: { schema: t.string },
        'Cache-Control': { schema: t.string, description: 'max-age=3600' },
      },
      content: binaryContent([
        'image/png',
        'image/jpeg',
        'image/webp',
        'application/vnd.mapbox-vector-tile',
      ]),
    },
    responses: {
      '204': { description: '此位置无瓦片' },
      '304': { description: '瓦片未变（If-None-Match）' },
    },
    errors: [400, 404],
  },
]

export const baseMapsPart = toPart(tags.session, routes)
