// What a failed 示范点 request says to the planner: the message with the field errors it does not
// already contain, and the field errors per constraint for the constraints form.
import { ApiError } from '../../lib/api-client.ts'

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return '操作失败，请重试。'
  const fields = error.fieldErrors
    .map((e) => e.message)
    .filter((m) => m && !error.message.includes(m))
  return [error.message, ...fields].join(' ')
}

export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  return Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message]))
}
