// The shape an uploaded GeoJSON file must have (a FeatureCollection or one Feature, with the
// optional legacy `crs` member naming its coordinate system), for every importer.
import { z } from 'zod'

const crsMember = z
  .object({ properties: z.object({ name: z.string() }).partial().optional() })
  .optional()
const featureShape = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.string() }).passthrough().nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
})
export const geoJsonShape = z.union([
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(featureShape),
    crs: crsMember,
  }),
  featureShape.extend({ crs: crsMember }),
])
