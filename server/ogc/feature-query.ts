// What an items request asks of a store, after parsing and validation. Pure data; stores translate it.

/** [west, south, east, north] in CRS84 degrees; west > east means the box crosses the antimeridian. */
export type Bbox = readonly [west: number, south: number, east: number, north: number]

/** Inclusive bounds in epoch milliseconds; an absent bound is open. */
export interface TimeRange {
  startMs?: number
  endMs?: number
}

export interface FeatureQuery {
  bbox?: Bbox
  datetime?: TimeRange
  /** feature property name → required value (exact match), from the collection's declared filters */
  properties: Readonly<Record<string, string>>
  /** derived filter name → value ('true'/'false'), computed at query time, e.g. overdue */
  derived?: Readonly<Record<string, string>>
  /** the clock for derived filters, epoch ms; the items route sets it */
  nowMs?: number
  limit: number // features per page, already clamped
  offset: number // features to skip (after `cursor`, when given)
  /** the feature properties to send (others left out); absent = all */
  propertyNames?: readonly string[]
  /** opaque keyset position from a previous page's `nextCursor`: the page starts after it */
  cursor?: string
  /** count matches exactly only up to this many; above it the page says `countCapped` */
  countUpTo?: number
  /** the caller can take the page as one text (FeaturePage.joined) where a store has it so */
  joined?: boolean
}

/** One page of features. Each entry is a serialized GeoJSON Feature, ready to splice into a response. */
export interface FeaturePage {
  features: readonly string[]
  numberMatched: number // exact count of features matching everything but limit/offset/cursor
  /** the count stopped at query.countUpTo: numberMatched is only a lower bound (not to be sent) */
  countCapped?: boolean
  /** whether features follow this page (always set when the count is capped or a cursor is used) */
  hasMore?: boolean
  /** keyset position after this page's last feature, when the store can page by key (no OFFSET) */
  nextCursor?: string
  /** with FeatureQuery.joined: the page's features as one UTF-8 text, joined by commas, instead
   * of `features` (then empty) */
  joined?: { json: Buffer; count: number }
}

/** Facts about a loaded collection, kept by the store so metadata never rescans the features. */
export interface CollectionStats {
  count: number
  bbox?: Bbox // union of all feature bboxes; absent when no feature has a geometry
  temporal?: readonly [startMs: number, endMs: number] // range of the temporal property
  /** property name → JSON Schema fragment inferred from the data ({ type, format? }) */
  properties: Readonly<Record<string, PropertySchema>>
}

export interface PropertySchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object'
  format?: 'date-time'
}
