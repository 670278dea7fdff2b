// Landing page and collection metadata (/req/core/root-success, /req/core/fc-md-*), with the data's
// attribution and the synthetic-data disclaimer. Pure: stats and base URL come in as arguments.
import type { CollectionDef } from '../collections.ts'
import { place } from '../config/place.ts'
import { attributionZh, disclaimerZh } from '../domain/labels-zh.ts'
import { toIsoString } from './feature-collection.ts'
import type { CollectionStats } from './feature-query.ts'
import { collectionPath, joinUrl, type Link, mediaTypes, queryablesRel } from './links.ts'

export const serviceTitle = place.titles.service

const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const gregorian = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'

const licenses = {
  ccBy: {
    href: 'https://creativecommons.org/licenses/by/4.0/',
    title: 'CC BY 4.0（Vonng/adcode，原始数据来自高德地图/国家统计局）',
  },
  naturalEarth: {
    href: 'https://www.naturalearthdata.com/about/terms-of-use/',
    title: 'Natural Earth（public domain）',
  },
} as const

export interface LandingPageOptions {
  html: boolean // whether the map app (dist/index.html) is there to serve as text/html
}

export function toLandingPage(
  baseUrl: string,
  options: LandingPageOptions,
): Record<string, unknown> {
  const links: Link[] = [
    { href: joinUrl(baseUrl, '/'), rel: 'self', type: mediaTypes.json, title: '本页（JSON）' },
  ]
  if (options.html) {
    links.push({
      href: joinUrl(baseUrl, '/', [['f', 'html']]),
      rel: 'alternate',
      type: mediaTypes.html,
      title: '地图',
    })
  }
  links.push(
    {
      href: joinUrl(baseUrl, '/api'),
      rel: 'service-desc',
      type: mediaTypes.openapi,
      title: 'OpenAPI 3.0 接口定义',
    },
    {
      href: joinUrl(baseUrl, '/api', [['f', 'html']]),
      rel: 'service-doc',
      type: mediaTypes.html,
      title: '接口说明（网页）',
    },
    {
      href: joinUrl(baseUrl, '/conformance'),
      rel: 'conformance',
      type: mediaTypes.json,
      title: '符合的标准类',
    },
    {
      href: joinUrl(baseUrl, '/collections'),
      rel: 'data',
      type: mediaTypes.json,
      title: '图层列表',
    },
    { ...licenses.ccBy, rel: 'license', type: mediaTypes.html },
  )
  return {
    title: serviceTitle,
    description:
      '符合 OGC API – Features 第 1 部分（Core、GeoJSON、OpenAPI 3.0）与第 3 部分 queryables 的只读接口：' +
      `县域、乡镇、村（社区）、乡镇政府所在地1公里范围、责任网格、测评点位与问题台账。${disclaimerZh}。`,
    attribution: attributionZh.join('；'),
    disclaimer: disclaimerZh,
    links,
  }
}

function attributionFor(def: CollectionDef): string {
  const [boundaries, codes, rivers, synthetic] = attributionZh
  const parts =
    def.id === 'rivers' ? [rivers] : [boundaries, codes, ...(def.synthetic ? [synthetic] : [])]
  return parts.join('；')
}

/** One collection's metadata; /collections lists exactly these objects (/req/core/sfc-md-success). */
export function toCollection(
  def: CollectionDef,
  stats: CollectionStats | undefined,
  baseUrl: string,
): Record<string, unknown> {
  const license = def.id === 'rivers' ? licenses.naturalEarth : licenses.ccBy
  const links: Link[] = [
    {
      href: joinUrl(baseUrl, collectionPath(def.id)),
      rel: 'self',
      type: mediaTypes.json,
      title: def.title,
    },
    {
      href: joinUrl(baseUrl, collectionPath(def.id, '/items')),
      rel: 'items',
      type: mediaTypes.geojson,
      title: `${def.title}（GeoJSON）`,
    },
    {
      href: joinUrl(baseUrl, collectionPath(def.id, '/queryables')),
      rel: queryablesRel,
      type: mediaTypes.schema,
      title: '可筛选字段',
    },
    {
      href: joinUrl(baseUrl, collectionPath(def.id, '/schema')),
      rel: 'describedby',
      type: mediaTypes.schema,
      title: '要素结构（JSON Schema）',
    },
    { ...license, rel: 'license', type: mediaTypes.html },
  ]
  const collection: Record<string, unknown> = {
    id: def.id,
    title: def.title,
    description: def.description,
    itemType: 'feature',
    crs: [crs84],
    attribution: attributionFor(def),
    ...(def.synthetic ? { disclaimer: disclaimerZh } : {}),
    links,
  }
  const extent = toExtent(def, stats)
  if (extent) collection.extent = extent
  return collection
}

// /req/core/fc-md-extent: one bbox and one interval enclosing every feature
function toExtent(
  def: CollectionDef,
  stats: CollectionStats | undefined,
): Record<string, unknown> | undefined {
  if (!stats?.bbox) return undefined
  const extent: Record<string, unknown> = { spatial: { bbox: [[...stats.bbox]], crs: crs84 } }
  if (def.temporalProperty) {
    const interval = stats.temporal
      ? [toIsoString(stats.temporal[0]), toIsoString(stats.temporal[1])]
      : [null, null]
    extent.temporal = { interval: [interval], trs: gregorian }
  }
  return extent
}

export function toCollections(
  defs: readonly CollectionDef[],
  stats: ReadonlyMap<string, CollectionStats>,
  baseUrl: string,
): Record<string, unknown> {
  return {
    links: [
      {
        href: joinUrl(baseUrl, '/collections'),
        rel: 'self',
        type: mediaTypes.json,
        title: '图层列表',
      },
    ],
    collections: defs.map((def) => toCollection(def, stats.get(def.id), baseUrl)),
  }
}
