// The one error the planning core throws for input a planner can correct: the HTTP layer turns it into
// a 400 with errors[{ field, message }]. Messages are plain Chinese and say what to change.

export class PlanningInputError extends Error {
  /** The request field at fault, as a dotted path ('weights.density', 'constraints.size'). */
  readonly field: string | undefined

  constructor(message: string, field?: string) {
    super(message)
    this.name = 'PlanningInputError'
    this.field = field
  }
}
