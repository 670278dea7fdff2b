// The Idempotency-Key part of the Store: a retried write (a phone's offline queue replaying, a
// proxy's retry) gets the first answer again instead of running twice. One row per user and key,
// claimed before the write runs and completed with its answer; every process shares the table.

/** What a key holds: the request it was first used for and, once done, that request's answer. */
export interface IdempotentReply {
  requestHash: string // sha256 of method, path and body
  status?: number // absent while the first request is still running
  body?: string // the JSON answer, verbatim
}

export interface IdempotencyStore {
  /**
   * Claims `key` for `username` (a row without an answer, until `expiresAtMs`) and returns
   * undefined; or, when the key is already held and not expired, returns what it holds.
   * Expired keys are removed as new ones come.
   */
  claimIdempotencyKey(
    username: string,
    key: string,
    requestHash: string,
    nowMs: number,
    expiresAtMs: number,
  ): Promise<IdempotentReply | undefined>
  /** Stores the answer of the claimed key's request. */
  completeIdempotencyKey(username: string, key: string, status: number, body: string): Promise<void>
  /** Frees a claimed key whose request failed on the server's side (5xx), so a retry runs again. */
  releaseIdempotencyKey(username: string, key: string): Promise<void>
}
