// The errors the planning core and service throw for input a planner can correct or a plan that is
// not there; http/error-handler.ts alone turns them into 400 errors[{ field, message }] and 404
// answers. Messages are plain Chinese and say what to change.
import { RecordNotFound } from '../domain/not-found.ts'

export class PlanningInputError extends Error {
  /** The request field at fault, as a dotted path ('weights.density', 'constraints.size'). */
  readonly field: string | undefined

  constructor(message: string, field?: string) {
    super(message)
    this.name = 'PlanningInputError'
    this.field = field
  }
}

/** A finite number from min to max, else a PlanningInputError with the message, naming the field. */
export function assertBetween(
  value: number,
  min: number,
  max: number,
  message: string,
  field: string,
): void {
  if (!(Number.isFinite(value) && value >= min && value <= max)) {
    throw new PlanningInputError(message, field)
  }
}

/** Several fields at fault at once (a plan's unknown or repeated points): a 400 naming each. */
export class PlanningInputErrors extends Error {
  readonly errors: { field: string; message: string }[]

  constructor(errors: { field: string; message: string }[]) {
    super(errors[0]?.message ?? '请求无效')
    this.name = 'PlanningInputErrors'
    this.errors = errors
  }
}

/** No stored plan has this id: a 404. */
export class PlanNotFound extends RecordNotFound {
  override name = 'PlanNotFound'
  constructor(id: string) {
    super(`没有编号为 ${id.slice(0, 64)} 的方案`)
  }
}
