// The storage interface every backend implements (SQLite now, PostGIS later): read pages of features,
// one feature, per-collection stats, and bulk (re)load; plus the ledger, the accounts, the plans
// and the grids.
// Async so a network database fits unchanged.
import type { CollectionDef } from '../collections.ts'
import type { CollectionStats, FeaturePage, FeatureQuery } from '../ogc/feature-query.ts'
import type { AccountStore } from './account-store.ts'
import type { AccountabilityStore } from './accountability-store.ts'
import type { AssessmentStore } from './assessment-store.ts'
import type { ChangeFeed } from './change-feed.ts'
import type { DepartmentEvaluationStore } from './department-evaluation-store.ts'
import type { GridStore } from './grid-store.ts'
import type { IdempotencyStore } from './idempotency-store.ts'
import type { IssueSnapshotStore } from './issue-snapshot-store.ts'
import type { LedgerStore } from './ledger-store.ts'
import type { MaterialStore } from './material-store.ts'
import type { NotificationStore } from './notification-store.ts'
import type { PlanStore } from './plan-store.ts'
import type { RateLimitStore } from './rate-limit-store.ts'
import type { SupervisionStore } from './supervision-store.ts'

/** GeoJSON as read from geodata/*.geojson (RFC 7946); only what loading needs. */
export interface GeoJsonGeometry {
  type: string
  coordinates?: unknown
  geometries?: GeoJsonGeometry[]
}

export interface GeoJsonFeature {
  type: 'Feature'
  id?: string | number
  geometry: GeoJsonGeometry | null
  properties: Record<string, unknown> | null
}

/** How generated feature ids look: `cp-0621`, `issue-02601`. */
export interface NewIds {
  prefix: string
  digits: number
}

export interface CollectionData {
  def: CollectionDef
  features: readonly GeoJsonFeature[]
}

export interface FeatureStore {
  /** Stats of every loaded collection, by collection id. */
  collectionStats(): Promise<ReadonlyMap<string, CollectionStats>>
  /** One page of matching features plus the exact number matched; with `query.nowMs`, each
   * feature carries the collection's derived properties (overdue) at that instant. */
  features(collectionId: string, query: FeatureQuery): Promise<FeaturePage>
  /** One serialized feature, or undefined; with `nowMs`, derived properties (overdue) added. */
  feature(collectionId: string, featureId: string, nowMs?: number): Promise<string | undefined>
  /**
   * Replaces the features of each given collection, all in one transaction. Idempotent. Loading the
   * `issues` collection restarts the ledger: each issue's history becomes one `import` event.
   */
  loadCollections(batch: readonly CollectionData[]): Promise<void>
  /**
   * Adds features to a collection in one transaction, keeping its index and stats current. A feature
   * without an id gets the next free `<prefix><n>` (n zero-padded to `digits`). Returns the ids.
   * Throws DuplicateId when an id is taken.
   */
  addFeatures(
    def: CollectionDef,
    features: readonly GeoJsonFeature[],
    newIds: NewIds,
  ): Promise<string[]>
  /** Wakes its listeners after any process commits a change (see change-feed.ts). */
  readonly changes: ChangeFeed
  /** Of the given collections, those where any feature has `properties.synthetic === true` (示意). */
  syntheticCollections(ids: readonly string[]): Promise<Set<string>>
  /** Whether any collection has been loaded (first start loads the demo data when not). */
  isLoaded(): Promise<boolean>
  close(): Promise<void>
}

export interface Store
  extends FeatureStore,
    LedgerStore,
    AccountStore,
    PlanStore,
    GridStore,
    RateLimitStore,
    IdempotencyStore,
    SupervisionStore,
    NotificationStore,
    AssessmentStore,
    MaterialStore,
    AccountabilityStore,
    DepartmentEvaluationStore,
    IssueSnapshotStore {}
