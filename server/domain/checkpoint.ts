// Check points (测评点位): fixed points every assessment visits, and the pool random points are drawn from.

export const checkpointKinds = ['fixed', 'random'] as const
export type CheckpointKind = (typeof checkpointKinds)[number]

/** 测评 categories (全国文明城市测评体系 实地考察), stable ASCII codes; labels in labels-zh.ts. */
export const fixedCheckpointCategories = [
  'main-road',
  'market',
  'residential',
  'park-square',
  'school',
  'hospital',
  'station',
  'government-service',
  'window-unit',
  'scenic-spot',
  'civilization-station',
  'public-toilet',
  'construction-site',
] as const

export const randomCheckpointCategories = [
  'back-lane',
  'residential-compound',
  'urban-fringe',
  'urban-village',
  'bus-corridor',
  'school-surroundings',
  'hospital-surroundings',
  'market-surroundings',
] as const

export const checkpointCategories = [
  ...fixedCheckpointCategories,
  ...randomCheckpointCategories,
] as const
export type CheckpointCategory = (typeof checkpointCategories)[number]

export interface CheckpointProperties {
  name: string // generic name with （示例）; real landmarks only with approxPosition
  kind: CheckpointKind
  category: CheckpointCategory
  townshipCode: string
  villageCode: string
  gridCode: string
  unitCode?: string // the point's own 责任单位 (点长制); absent: its grid's unit
  approxPosition?: boolean
  synthetic: boolean
}
