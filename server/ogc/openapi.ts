// The OpenAPI 3.0 definition served at /api (/req/oas30/*). Every accepted parameter is declared,
// per collection path, including the property filters: GDAL reads them to push `kind=fixed` to the
// server instead of filtering locally. Pure.
import { z } from 'zod'
import type { CollectionDef } from '../collections.ts'
import { conformanceClasses } from './conformance.ts'
import { collectionPath, mediaTypes } from './links.ts'
import { serviceTitle } from './metadata.ts'
import { defaultQueryLimits } from './parse-query.ts'
import { filterSchema } from './queryables.ts'

type Json = Record<string, unknown>

// as http/openapi/common.ts's t, which this pure module does not import
const t = { string: { type: 'string' }, integer: { type: 'integer' }, number: { type: 'number' } }
const anyObject = { type: 'object' }

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })
const response = (description: string, mediaType: string, schema: Json) => ({
  description,
  content: { [mediaType]: { schema } },
})
const exception = (description: string) =>
  response(description, mediaTypes.problem, ref('schemas', 'exception'))

const errorResponses = {
  '400': ref('responses', 'InvalidParameter'),
  '404': ref('responses', 'NotFound'),
  '406': ref('responses', 'NotAcceptable'),
  '500': ref('responses', 'ServerError'),
}

/** A GET answering the named component response, or one of the errors every path shares. */
function getOperation(
  tags: string[],
  summary: string,
  operationId: string,
  parameters: Json[],
  okResponse: string,
  description?: string,
): Json {
  return {
    get: {
      tags,
      summary,
      ...(description ? { description } : {}),
      operationId,
      parameters,
      responses: { '200': ref('responses', okResponse), ...errorResponses },
    },
  }
}

/**
 * An optional query parameter; `form` ones (a comma list or a value GDAL splits as such) are
 * declared style=form, explode=false.
 */
function queryParameter(name: string, description: string, schema: Json, form = true): Json {
  return {
    name,
    in: 'query',
    required: false,
    ...(form ? { style: 'form', explode: false } : {}),
    description,
    schema,
  }
}

function operationId(def: CollectionDef, what: string): string {
  const camel = def.id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
  return `get${camel[0]?.toUpperCase()}${camel.slice(1)}${what}`
}

function collectionPaths(def: CollectionDef): Record<string, Json> {
  const tags = [def.id]
  const filterParameters = def.filters.flatMap((filter) => {
    const schema = z.toJSONSchema(filterSchema(filter), { target: 'openapi-3.0' })
    const parameter = queryParameter(
      filter.param,
      `${filter.description}（匹配要素属性 ${filter.property}）`,
      schema,
    )
    // the short names clients used before the parameters were named like the properties
    const aliases = (filter.aliases ?? []).map((alias) => ({
      ...parameter,
      name: alias,
      deprecated: true,
      description: `${filter.param} 的旧名，仍然可用；请改用 ${filter.param}`,
    }))
    return [parameter, ...aliases]
  })
  const itemsParameters = [
    ref('parameters', 'bbox'),
    ref('parameters', 'datetime'),
    ref('parameters', 'limit'),
    ref('parameters', 'offset'),
    ref('parameters', 'cursor'),
    ref('parameters', 'properties'),
    ...filterParameters,
    ref('parameters', 'f'),
  ]
  const f = [ref('parameters', 'f')]
  return {
    [collectionPath(def.id)]: getOperation(
      tags,
      `${def.title}：图层元数据`,
      operationId(def, 'Collection'),
      f,
      'Collection',
    ),
    [collectionPath(def.id, '/items')]: getOperation(
      tags,
      `${def.title}：要素（GeoJSON）`,
      operationId(def, 'Items'),
      itemsParameters,
      'Features',
      `${def.description}。分页：limit 默认 ${defaultQueryLimits.defaultLimit}，最大 ${defaultQueryLimits.maxLimit}（超出按最大值处理）；` +
        `用响应中的 next/prev 链接翻页；匹配数超过 ${defaultQueryLimits.countUpTo} 时不给出 numberMatched，next 链接照常给出。` +
        (def.temporalProperty
          ? `datetime 按属性 ${def.temporalProperty} 筛选。`
          : '此图层的要素没有时间属性，datetime 不筛掉任何要素。'),
    ),
    [collectionPath(def.id, '/items/{featureId}')]: getOperation(
      tags,
      `${def.title}：单个要素`,
      operationId(def, 'Item'),
      [ref('parameters', 'featureId'), ...f],
      'Feature',
    ),
    [collectionPath(def.id, '/queryables')]: getOperation(
      tags,
      `${def.title}：可筛选字段（JSON Schema）`,
      operationId(def, 'Queryables'),
      f,
      'Schema',
    ),
    [collectionPath(def.id, '/schema')]: getOperation(
      tags,
      `${def.title}：要素结构（JSON Schema）`,
      operationId(def, 'Schema'),
      f,
      'Schema',
    ),
  }
}

const linkSchema = {
  type: 'object',
  required: ['href', 'rel'],
  properties: {
    href: t.string,
    rel: t.string,
    type: t.string,
    hreflang: t.string,
    title: t.string,
    length: t.integer,
  },
}

const components = {
  parameters: {
    f: queryParameter(
      'f',
      '输出格式；不给出时按 Accept 请求头协商（*/* 得到 JSON）',
      { type: 'string', enum: ['json'] },
      false,
    ),
    fApi: queryParameter(
      'f',
      '输出格式：json 为 OpenAPI 定义，html 为网页版接口说明',
      { type: 'string', enum: ['json', 'html'] },
      false,
    ),
    fLanding: queryParameter(
      'f',
      '输出格式：json 为接口说明，html 为地图页面（已构建客户端时）',
      { type: 'string', enum: ['json', 'html'] },
      false,
    ),
    bbox: queryParameter(
      'bbox',
      '空间范围（CRS84 经纬度）：西,南,东,北 或 西,南,低,东,北,高。只返回包围盒与之相交的要素；西大于东表示跨越 180° 经线。',
      {
        type: 'array',
        oneOf: [
          { minItems: 4, maxItems: 4 },
          { minItems: 6, maxItems: 6 },
        ],
        items: t.number,
      },
    ),
    datetime: queryParameter(
      'datetime',
      'RFC 3339 时刻或区间（a/b、../b、a/..、/b、a/），如 2026-11-01T00:00:00Z/..；只给日期时按 UTC 当日处理。',
      t.string,
    ),
    limit: queryParameter(
      'limit',
      `每页要素数，默认 ${defaultQueryLimits.defaultLimit}，大于 ${defaultQueryLimits.maxLimit} 时按 ${defaultQueryLimits.maxLimit} 处理`,
      {
        type: 'integer',
        minimum: 1,
        maximum: defaultQueryLimits.maxLimit,
        default: defaultQueryLimits.defaultLimit,
      },
    ),
    offset: queryParameter('offset', '跳过的要素数（next/prev 链接使用）', {
      type: 'integer',
      minimum: 0,
      default: 0,
    }),
    properties: queryParameter(
      'properties',
      '只返回这些要素属性（逗号分隔），如 status,category,reportedAt；页面更小，地图只需几个属性时使用。不给出时返回全部属性；单个要素的 URL 总是返回全部',
      { type: 'array', items: t.string },
    ),
    cursor: queryParameter(
      'cursor',
      '翻页游标：第 10,000 个要素之后，next 链接用它代替 offset（深页与首页一样快；SQLite 上不带 bbox 或只带 bbox 的点图层查询，PostGIS 上不带 bbox 的查询）；不要自行构造，不能与 offset 同时给出；游标所指要素已移出范围时返回 400，请从第一页重新翻页',
      { type: 'string', pattern: '^[0-9]{1,15}$' },
      false,
    ),
    featureId: {
      name: 'featureId',
      in: 'path',
      required: true,
      description: '要素编号（GeoJSON 的 id）',
      schema: t.string,
    },
  },
  schemas: {
    link: linkSchema,
    exception: {
      type: 'object',
      description: 'RFC 9457 problem details，另含 OGC 的 code/description',
      required: ['code'],
      properties: {
        type: t.string,
        title: t.string,
        status: t.integer,
        detail: t.string,
        code: t.string,
        description: t.string,
        parameter: t.string,
      },
    },
    landingPage: {
      type: 'object',
      required: ['links'],
      properties: {
        title: t.string,
        description: t.string,
        links: { type: 'array', items: ref('schemas', 'link') },
      },
    },
    confClasses: {
      type: 'object',
      required: ['conformsTo'],
      properties: { conformsTo: { type: 'array', items: t.string } },
    },
    collection: {
      type: 'object',
      required: ['id', 'links'],
      properties: {
        id: t.string,
        title: t.string,
        description: t.string,
        links: { type: 'array', items: ref('schemas', 'link') },
        extent: ref('schemas', 'extent'),
        itemType: { type: 'string', default: 'feature' },
        crs: { type: 'array', items: t.string },
      },
    },
    collections: {
      type: 'object',
      required: ['links', 'collections'],
      properties: {
        links: { type: 'array', items: ref('schemas', 'link') },
        collections: { type: 'array', items: ref('schemas', 'collection') },
      },
    },
    extent: {
      type: 'object',
      properties: {
        spatial: {
          type: 'object',
          properties: {
            bbox: {
              type: 'array',
              minItems: 1,
              items: { type: 'array', items: t.number },
            },
            crs: t.string,
          },
        },
        temporal: {
          type: 'object',
          properties: {
            interval: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'array',
                minItems: 2,
                maxItems: 2,
                items: { type: 'string', format: 'date-time', nullable: true },
              },
            },
            trs: t.string,
          },
        },
      },
    },
    featureGeoJSON: {
      type: 'object',
      required: ['type', 'geometry', 'properties'],
      properties: {
        type: { type: 'string', enum: ['Feature'] },
        geometry: { type: 'object', nullable: true },
        properties: { type: 'object', nullable: true },
        id: { oneOf: [t.string, t.integer] },
        links: { type: 'array', items: ref('schemas', 'link') },
      },
    },
    featureCollectionGeoJSON: {
      type: 'object',
      required: ['type', 'features'],
      properties: {
        type: { type: 'string', enum: ['FeatureCollection'] },
        features: { type: 'array', items: ref('schemas', 'featureGeoJSON') },
        links: { type: 'array', items: ref('schemas', 'link') },
        timeStamp: { type: 'string', format: 'date-time' },
        numberMatched: { type: 'integer', minimum: 0 },
        numberReturned: { type: 'integer', minimum: 0 },
      },
    },
  },
  responses: {
    LandingPage: response('接口首页', mediaTypes.json, ref('schemas', 'landingPage')),
    Conformance: response('符合的标准类', mediaTypes.json, ref('schemas', 'confClasses')),
    Collections: response('图层列表', mediaTypes.json, ref('schemas', 'collections')),
    Collection: response('图层元数据', mediaTypes.json, ref('schemas', 'collection')),
    Features: response(
      '要素集合（分页）',
      mediaTypes.geojson,
      ref('schemas', 'featureCollectionGeoJSON'),
    ),
    Feature: response('单个要素', mediaTypes.geojson, ref('schemas', 'featureGeoJSON')),
    Schema: response('JSON Schema', mediaTypes.schema, anyObject),
    InvalidParameter: exception('参数未知、重复或格式无效；detail 与 parameter 指出是哪个参数'),
    NotFound: exception('图层或要素不存在'),
    NotAcceptable: exception('无法提供 Accept 或 f 要求的格式'),
    ServerError: exception('服务器内部错误'),
  },
}

export interface OpenApiOptions {
  html: boolean // whether `/` also offers the map app as text/html
}

/** OpenAPI 3.0 document for this server; `servers` points at the public base URL. */
export function toOpenApi(
  defs: readonly CollectionDef[],
  baseUrl: string,
  options: OpenApiOptions,
): Json {
  const metadataGet = (summary: string, operationId: string, response: string, f = 'f') =>
    getOperation(['capabilities'], summary, operationId, [ref('parameters', f)], response)
  const landing = metadataGet(
    '接口首页',
    'getLandingPage',
    'LandingPage',
    options.html ? 'fLanding' : 'f',
  )
  const api = {
    get: {
      tags: ['capabilities'],
      summary:
        '本接口的 OpenAPI 3.0 定义；Accept: text/html 或 f=html 得到网页版接口说明（service-doc）',
      operationId: 'getApiDefinition',
      parameters: [ref('parameters', 'fApi')],
      responses: {
        '200': {
          description: 'OpenAPI 3.0，或其网页版',
          content: {
            [mediaTypes.openapi]: { schema: anyObject },
            [mediaTypes.html]: { schema: t.string },
          },
        },
        ...errorResponses,
      },
    },
  }
  return {
    openapi: '3.0.3',
    info: {
      title: serviceTitle,
      version: '1.0.0',
      description:
        'OGC API – Features 第 1 部分 Core 1.0（GeoJSON、OpenAPI 3.0）与第 3 部分 queryables。' +
        `符合的标准类：${conformanceClasses.join(', ')}`,
      license: { name: 'CC BY 4.0（数据）', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: baseUrl }],
    tags: [{ name: 'capabilities' }, ...defs.map((d) => ({ name: d.id, description: d.title }))],
    paths: {
      '/': landing,
      '/api': api,
      '/conformance': metadataGet('符合的标准类', 'getConformance', 'Conformance'),
      '/collections': metadataGet('图层列表', 'getCollections', 'Collections'),
      ...Object.assign({}, ...defs.map(collectionPaths)),
    },
    components,
  }
}
