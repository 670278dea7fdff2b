// Hand-written JSON Schema (draft-07) equivalents of the OGC API – Features – Part 1: Core 1.0.1
// response schemas (core/openapi/schemas/*.yaml: landingPage, confClasses, collections, collection,
// extent, link, featureCollectionGeoJSON, featureGeoJSON, geometryGeoJSON, exception), with
// OpenAPI's `nullable` written as type unions. Derived from OGC 17-069r4; Copyright © Open Geospatial
// Consortium, see https://www.ogc.org/legal/ for its licence.
import Ajv, { type ErrorObject } from 'ajv'

const link = {
  type: 'object',
  required: ['href', 'rel'],
  properties: {
    href: { type: 'string' },
    rel: { type: 'string' },
    type: { type: 'string' },
    hreflang: { type: 'string' },
    title: { type: 'string' },
    length: { type: 'integer' },
  },
}
const links = { type: 'array', items: { $ref: 'link' } }

const position = { type: 'array', minItems: 2, items: { type: 'number' } }
const geometryGeoJSON = {
  oneOf: [
    {
      type: 'object',
      required: ['type', 'coordinates'],
      properties: { type: { enum: ['Point'] }, coordinates: position },
    },
    {
      type: 'object',
      required: ['type', 'coordinates'],
      properties: {
        type: { enum: ['MultiPoint', 'LineString'] },
        coordinates: { type: 'array', items: position },
      },
    },
    {
      type: 'object',
      required: ['type', 'coordinates'],
      properties: {
        type: { enum: ['MultiLineString', 'Polygon'] },
        coordinates: { type: 'array', items: { type: 'array', items: position } },
      },
    },
    {
      type: 'object',
      required: ['type', 'coordinates'],
      properties: {
        type: { enum: ['MultiPolygon'] },
        coordinates: {
          type: 'array',
          items: { type: 'array', items: { type: 'array', items: position } },
        },
      },
    },
    {
      type: 'object',
      required: ['type', 'geometries'],
      properties: {
        type: { enum: ['GeometryCollection'] },
        geometries: { type: 'array', items: { $ref: 'geometryGeoJSON' } },
      },
    },
  ],
}

const schemas: Record<string, object> = {
  link,
  geometryGeoJSON,
  landingPage: {
    type: 'object',
    required: ['links'],
    properties: { title: { type: 'string' }, description: { type: 'string' }, links },
  },
  confClasses: {
    type: 'object',
    required: ['conformsTo'],
    properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
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
            items: {
              type: 'array',
              oneOf: [
                { minItems: 4, maxItems: 4 },
                { minItems: 6, maxItems: 6 },
              ],
              items: { type: 'number' },
            },
          },
          crs: {
            type: 'string',
            enum: [
              'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
              'http://www.opengis.net/def/crs/OGC/0/CRS84h',
            ],
          },
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
              items: { type: ['string', 'null'], format: 'date-time' },
            },
          },
          trs: { type: 'string', enum: ['http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'] },
        },
      },
    },
  },
  collection: {
    type: 'object',
    required: ['id', 'links'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      links,
      extent: { $ref: 'extent' },
      itemType: { type: 'string' },
      crs: { type: 'array', items: { type: 'string' } },
    },
  },
  collections: {
    type: 'object',
    required: ['links', 'collections'],
    properties: { links, collections: { type: 'array', items: { $ref: 'collection' } } },
  },
  featureGeoJSON: {
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      geometry: { oneOf: [{ type: 'null' }, { $ref: 'geometryGeoJSON' }] },
      properties: { type: ['object', 'null'] },
      id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      links,
    },
  },
  featureCollectionGeoJSON: {
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: { type: 'array', items: { $ref: 'featureGeoJSON' } },
      links,
      timeStamp: { type: 'string', format: 'date-time' },
      numberMatched: { type: 'integer', minimum: 0 },
      numberReturned: { type: 'integer', minimum: 0 },
    },
  },
  // exception.yaml (1.0) plus the RFC 9457 members the 1.1 draft requires
  exception: {
    type: 'object',
    required: ['code', 'type', 'title', 'status', 'detail'],
    properties: {
      code: { type: 'string' },
      description: { type: 'string' },
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
    },
  },
}

const ajv = new Ajv({ strict: false, allErrors: true })
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i)
for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name)

export type OgcSchemaName =
  | 'landingPage'
  | 'confClasses'
  | 'collections'
  | 'collection'
  | 'featureCollectionGeoJSON'
  | 'featureGeoJSON'
  | 'exception'

/** Validation errors of `value` against an OGC schema, as readable lines (empty = valid). */
export function ogcSchemaErrors(name: OgcSchemaName, value: unknown): string[] {
  const validate = ajv.getSchema(name)
  if (!validate) throw new Error(`no schema ${name}`)
  if (validate(value)) return []
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`,
  )
}
