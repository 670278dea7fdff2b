// Plan input validation: weights and constraints from request input, with Chinese messages
// naming the field. Throws PlanningInputError.
import {
  type CheckpointCategory,
  checkpointCategories,
  checkpointKinds,
} from '../domain/checkpoint.ts'
import {
  type DemoFactor,
  type DemoWeights,
  defaultDemoWeights,
  defaultPlanConstraints,
  demoFactorLabels,
  demoFactors,
  demoScoreSettings,
  type PlanConstraints,
} from '../domain/demo-factors.ts'
import { checkpointCategoryLabels } from '../domain/labels-zh.ts'
import { PlanningInputError } from './planning-errors.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Weights from request input: missing factors take their default; throws PlanningInputError. */
export function validateWeights(input: unknown): DemoWeights {
  if (input === undefined || input === null) return { ...defaultDemoWeights }
  if (!isRecord(input)) throw new PlanningInputError('权重须为对象，如 { "density": 3 }', 'weights')
  const weights: DemoWeights = { ...defaultDemoWeights }
  for (const [key, value] of Object.entries(input)) {
    if (!(demoFactors as readonly string[]).includes(key)) {
      throw new PlanningInputError(
        `未知的权重“${key}”：只能是 ${demoFactors.join('、')}`,
        `weights.${key}`,
      )
    }
    const factor = key as DemoFactor
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > demoScoreSettings.maxWeight
    ) {
      throw new PlanningInputError(
        `权重“${demoFactorLabels[factor]}”须为 0–10 之间的数字，收到 ${JSON.stringify(value)}`,
        `weights.${key}`,
      )
    }
    weights[factor] = value
  }
  if (demoFactors.every((f) => weights[f] === 0)) {
    throw new PlanningInputError('权重不能全部为 0：请至少把一项调到大于 0', 'weights')
  }
  return weights
}

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** Constraints from request input: missing fields take defaultPlanConstraints; throws PlanningInputError. */
export function validateConstraints(input: unknown): PlanConstraints {
  if (input === undefined || input === null) return { ...defaultPlanConstraints }
  if (!isRecord(input)) throw new PlanningInputError('约束条件须为对象', 'constraints')
  const known = ['size', 'minPerTownship', 'requiredCategories', 'minSpacingM', 'kinds']
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      throw new PlanningInputError(`未知的约束“${key}”`, `constraints.${key}`)
    }
  }
  const { size, minPerTownship, requiredCategories, minSpacingM, kinds } = input
  const constraints: PlanConstraints = { ...defaultPlanConstraints, requiredCategories: {} }
  if (size !== undefined) {
    if (!integerIn(size, 1, 100)) {
      throw new PlanningInputError('方案规模须为 1–100 之间的整数', 'constraints.size')
    }
    constraints.size = size
  }
  if (minPerTownship !== undefined) {
    if (!integerIn(minPerTownship, 0, 10)) {
      throw new PlanningInputError('每乡镇最少数须为 0–10 之间的整数', 'constraints.minPerTownship')
    }
    constraints.minPerTownship = minPerTownship
  }
  if (minSpacingM !== undefined) {
    if (
      typeof minSpacingM !== 'number' ||
      !Number.isFinite(minSpacingM) ||
      minSpacingM < 0 ||
      minSpacingM > 10_000
    ) {
      throw new PlanningInputError(
        '最小间距须为 0–10000 之间的数字（米）',
        'constraints.minSpacingM',
      )
    }
    constraints.minSpacingM = minSpacingM
  }
  if (requiredCategories !== undefined) {
    if (!isRecord(requiredCategories)) {
      throw new PlanningInputError(
        '类别最少数须为对象，如 { "market": 1 }',
        'constraints.requiredCategories',
      )
    }
    for (const [category, count] of Object.entries(requiredCategories)) {
      const field = `constraints.requiredCategories.${category}`
      if (!(checkpointCategories as readonly string[]).includes(category)) {
        throw new PlanningInputError(`未知的点位类别“${category}”`, field)
      }
      const label = checkpointCategoryLabels[category as CheckpointCategory]
      if (!integerIn(count, 0, 100)) {
        throw new PlanningInputError(`类别“${label}”的最少数须为 0–100 之间的整数`, field)
      }
      if (count > 0) constraints.requiredCategories[category as CheckpointCategory] = count
    }
  }
  if (kinds !== undefined) {
    if (
      !Array.isArray(kinds) ||
      kinds.length === 0 ||
      !kinds.every((k) => (checkpointKinds as readonly unknown[]).includes(k))
    ) {
      throw new PlanningInputError('点位类型须为 fixed、random 中的一个或两个', 'constraints.kinds')
    }
    constraints.kinds = checkpointKinds.filter((k) => kinds.includes(k))
  }
  return constraints
}
