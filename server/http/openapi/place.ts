// 地区 Place: the county this server serves (geodata/places/<code>/place.json, env PLACE).
import { placeSchema } from '../../config/place.ts'
import { replaceableLayers } from '../../domain/layer-status.ts'
import { type Json, jsonResponse, requestSchema, t, tags } from './common.ts'
import { type Route, toPart } from './route-table.ts'

const placeBody = ((): Json => {
  const schema = requestSchema(placeSchema) as {
    properties: Record<string, Json>
    required: string[]
  }
  return {
    ...schema,
    properties: {
      ...schema.properties,
      assessmentTotal: {
        type: 'number',
        description: '测评体系各项分值之和，照录来源（如河南 2016 年为 106）',
      },
      bounds: {
        type: 'array',
        items: t.number,
        minItems: 4,
        maxItems: 4,
        description:
          '地区范围 [西, 南, 东, 北]（WGS84）：已载入的县界外包框（无县界时为乡镇、网格）；各页面地图据此定位',
      },
      layers: {
        type: 'object',
        description:
          '各图层是否仍为示意数据：乡镇界 townships、网格 grids、点位 checkpoints、问题 issues；导入本县数据后该图层的“示意”标注消失',
        properties: Object.fromEntries(
          replaceableLayers.map((id) => [
            id,
            {
              type: 'object',
              properties: { synthetic: t.boolean },
              required: ['synthetic'],
            },
          ]),
        ),
        required: [...replaceableLayers],
      },
    },
    required: [...schema.required, 'assessmentTotal', 'bounds', 'layers'],
  }
})()

const routes: Route[] = [
  {
    route: 'GET /api/place',
    operationId: 'getPlace',
    summary: '本系统服务的地区：名称、标题、测评体系分值、默认视图与地区范围',
    description:
      '由环境变量 PLACE 选定 geodata/places/<区划代码>/place.json；无需登录（登录页也显示标题）。',
    who: 'public',
    ok: jsonResponse('地区配置', placeBody),
    errors: [],
  },
]

export const placePart = toPart(tags.session, routes)
