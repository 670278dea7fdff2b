// GET /api — the OpenAPI 3.0 definition (/req/oas30/oas-definition-1): the OGC API part from
// ogc/openapi.ts plus every /api endpoint, one module per tag under ../openapi/.
import { Router } from 'express'
import { collections } from '../../collections.ts'
import { mediaTypes } from '../../ogc/links.ts'
import { toOpenApi } from '../../ogc/openapi.ts'
import { parseFormatOnly } from '../../ogc/parse-query.ts'
import { toServiceDocHtml } from '../../ogc/service-doc.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { accountabilityPart } from '../openapi/accountability.ts'
import { assessmentSystemPart } from '../openapi/assessment-system.ts'
import { baseMapsPart } from '../openapi/basemaps.ts'
import { checklistsPart } from '../openapi/checklists.ts'
import type { Json, OpenApiPart, PathItems } from '../openapi/common.ts'
import { tagDefinitions } from '../openapi/common.ts'
import * as shared from '../openapi/components.ts'
import { departmentEvaluationsPart } from '../openapi/department-evaluations.ts'
import { exchangePart } from '../openapi/exchange.ts'
import { gridsPart } from '../openapi/grids.ts'
import { ledgerPart } from '../openapi/ledger.ts'
import { materialsPart } from '../openapi/materials.ts'
import { notificationsPart } from '../openapi/notifications.ts'
import { placePart } from '../openapi/place.ts'
import { planningPart } from '../openapi/planning.ts'
import { sessionPart } from '../openapi/session.ts'
import { statsPart } from '../openapi/stats.ts'
import { supervisionPart } from '../openapi/supervision.ts'
import { sendJson } from '../send.ts'

export const apiParts: readonly OpenApiPart[] = [
  sessionPart,
  placePart,
  baseMapsPart,
  ledgerPart,
  exchangePart,
  statsPart,
  gridsPart,
  planningPart,
  supervisionPart,
  notificationsPart,
  assessmentSystemPart,
  checklistsPart,
  materialsPart,
  departmentEvaluationsPart,
  accountabilityPart,
]

/** Adds `more` to `into` per path and method; a method described twice is a programming error. */
function mergePaths(into: PathItems, more: PathItems): void {
  for (const [path, methods] of Object.entries(more)) {
    into[path] ??= {}
    const item = into[path]
    for (const [method, op] of Object.entries(methods)) {
      if (item[method]) throw new Error(`${method.toUpperCase()} ${path} is described twice`)
      item[method] = op
    }
  }
}

function mergeComponents(into: Record<string, Json>, kind: string, more: Record<string, unknown>) {
  into[kind] ??= {}
  const existing = into[kind] as Record<string, unknown>
  for (const [name, value] of Object.entries(more)) {
    if (name in existing) throw new Error(`components.${kind}.${name} is defined twice`)
    existing[name] = value
  }
}

/** The whole document: OGC API – Features and the application's /api. */
export function toApiDocument(baseUrl: string, options: { html: boolean }): Json {
  const doc = toOpenApi(collections, baseUrl, options) as Json & {
    paths: PathItems
    components: Record<string, Json>
    tags: Json[]
    info: Json
  }
  const paths: PathItems = { ...doc.paths }
  const components = structuredClone(doc.components) // ogc/openapi.ts shares its object
  for (const part of apiParts) {
    mergePaths(paths, part.paths)
    if (part.schemas) mergeComponents(components, 'schemas', part.schemas)
  }
  mergeComponents(components, 'schemas', shared.schemas)
  mergeComponents(components, 'responses', shared.responses)
  mergeComponents(components, 'parameters', shared.parameters)
  mergeComponents(components, 'securitySchemes', shared.securitySchemes)
  return {
    ...doc,
    info: {
      ...doc.info,
      description: `${doc.info.description as string}\n\n/api/… 为本系统的应用接口（问题台账、大屏统计、网格管理、创建规划、会话、数据交换）：JSON，错误为 application/problem+json；写请求须登录并带 X-Requested-With: fetch。`,
    },
    tags: [...doc.tags, ...tagDefinitions],
    paths,
    components,
  }
}

export function apiDefinitionRoutes(ctx: AppContext): Router {
  return Router().get('/api', (req, res) => {
    const type = negotiate(
      req,
      [mediaTypes.openapi, mediaTypes.json, mediaTypes.html],
      parseFormatOnly(req.query, ['json', 'html']),
    )
    const baseUrl = ctx.baseUrl(req)
    const doc = toApiDocument(baseUrl, { html: ctx.spaIndex() !== undefined })
    if (type !== mediaTypes.html) return sendJson(res, type, doc)
    // rel=service-doc: the same document for people, rendered here (no CDN, works offline)
    res
      .vary('Accept')
      .type('text/html; charset=utf-8')
      .send(toServiceDocHtml(doc, `${baseUrl}/api`))
  })
}
