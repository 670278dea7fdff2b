// The one "no such record" failure the services throw (a plan, a grid, an issue, a supervision
// round); http/error-handler.ts alone turns it into a 404 problem answer. Pure.

export class RecordNotFound extends Error {
  override name = 'RecordNotFound'
}
