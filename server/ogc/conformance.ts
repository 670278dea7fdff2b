// Conformance classes this API declares at /conformance (OGC API Features 1.0 URIs: GDAL 3.6 and
// OWSLib 0.27 predate 1.1). No `html` class: only the landing page has an HTML form (the map app).

export const conformanceClasses = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
] as const

export function toConformance(): { conformsTo: string[] } {
  return { conformsTo: [...conformanceClasses] }
}
