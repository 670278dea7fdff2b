// Demonstration points (示范点): the planning pipeline's public face. Each step is its own module,
// read in order: factors (domain/demo-factors.ts) → validation → model → scoring → feasibility →
// construction → optimiser → baseline. Pure and deterministic: arrays in, numbers out.
export {
  type CandidateRaw,
  type CandidateScore,
  categoryFactor,
  type DemoFactor,
  type DemoFactorValues,
  type DemoWeights,
  defaultDemoWeights,
  defaultPlanConstraints,
  demoFactorLabels,
  demoFactors,
  demoScoreSettings,
  type PlanConstraints,
} from '../domain/demo-factors.ts'
export { type BaselineResult, randomBaseline } from './plan-baseline.ts'
export { type OptimiseOptions, type OptimiseResult, optimisePlan } from './plan-optimiser.ts'
export {
  comparePlans,
  type PlanComparison,
  type PlanSide,
  type PlanSummary,
  rankCandidates,
  summarisePlan,
} from './plan-scoring.ts'
export { validateConstraints, validateWeights } from './plan-validation.ts'
