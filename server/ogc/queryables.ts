// JSON Schemas derived from the collection list: queryables (Part 3, /collections/{id}/queryables),
// the feature schema behind `describedby`, and the filter parameters' schemas reused by /api. Pure.
import { z } from 'zod'
import type { CollectionDef, PropertyFilter } from '../collections.ts'
import { propertyLabels } from '../domain/labels-zh.ts'
import type { CollectionStats } from './feature-query.ts'
import { collectionPath, joinUrl } from './links.ts'

const jsonSchemaDialect = 'https://json-schema.org/draft/2020-12/schema'

/** The zod schema of one `?name=value` filter; the single source for queryables and /api. */
export function filterSchema(filter: PropertyFilter): z.ZodType {
  const title = propertyLabels[filter.property] ?? filter.param
  const base = filter.values
    ? z.enum(filter.values as [string, ...string[]])
    : z.string().min(1).max(200)
  return base.meta({ title, description: filter.description })
}

function geometrySchema(def: CollectionDef): z.ZodType {
  // /req/queryables/get-queryables-response D/E: spatial properties have a format and no type
  return z.any().meta({
    title: '几何',
    format: `geometry-${def.geometryType.toLowerCase()}`,
    'x-ogc-role': 'primary-geometry',
  })
}

/** Queryables: the geometry plus every declared filter, each also an `items` query parameter. */
export function toQueryables(def: CollectionDef, baseUrl: string): Record<string, unknown> {
  const shape: Record<string, z.ZodType> = { geometry: geometrySchema(def).optional() }
  for (const filter of def.filters) shape[filter.param] = filterSchema(filter).optional()
  const schema = z.toJSONSchema(z.object(shape).strict(), { target: 'draft-2020-12' })
  return {
    $schema: jsonSchemaDialect,
    $id: joinUrl(baseUrl, collectionPath(def.id, '/queryables')),
    title: def.title,
    description: `${def.title}可用的筛选条件：每一项都可作为 items 的查询参数（如 ?${def.filters[0]?.param ?? 'bbox'}=…）`,
    type: 'object',
    properties: schema.properties,
    additionalProperties: false,
  }
}

/** JSON Schema of one GeoJSON Feature of the collection, property types inferred at load time. */
export function toFeatureSchema(
  def: CollectionDef,
  stats: CollectionStats | undefined,
  baseUrl: string,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const [name, inferred] of Object.entries(stats?.properties ?? {})) {
    const filter = def.filters.find((f) => f.property === name)
    properties[name] = {
      title: propertyLabels[name] ?? name,
      ...inferred,
      ...(filter?.values ? { enum: [...filter.values] } : {}),
    }
  }
  // a property of fixed form is declared even before data has it (问题编号 YYYY-NNNNNN)
  for (const filter of def.filters.filter((f) => f.pattern !== undefined)) {
    properties[filter.property] = {
      title: propertyLabels[filter.property] ?? filter.property,
      ...(properties[filter.property] as object | undefined),
      type: 'string',
      pattern: filter.pattern,
    }
  }
  // derived properties are computed per read, never stored, so the loaded data cannot type them
  for (const filter of def.filters.filter((f) => f.derived)) {
    properties[filter.property] = {
      title: propertyLabels[filter.property] ?? filter.property,
      type: 'boolean',
      readOnly: true,
    }
  }
  return {
    $schema: jsonSchemaDialect,
    $id: joinUrl(baseUrl, collectionPath(def.id, '/schema')),
    title: def.title,
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: ['string', 'integer'] },
      geometry: {
        format: `geometry-${def.geometryType.toLowerCase()}`,
        'x-ogc-role': 'primary-geometry',
      },
      properties: { type: 'object', properties },
    },
  }
}
