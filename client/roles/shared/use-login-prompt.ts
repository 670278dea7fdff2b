// When a screen asks for a login: when the user asks, when a read answers 401 to a visitor
// (READ_ACCESS=authenticated), or when a panel needs a signed-in user; each with its reason.
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { SessionUser } from '../../features/session/api.ts'
import { ApiError } from '../../lib/api-client.ts'

export interface LoginPrompt {
  prompt: { reason?: string } | undefined // open with this reason; undefined: closed
  request: (reason?: string) => void
  close: () => void
}

/** `needsLogin`: reads a visitor may not make; the prompt opens at once with `needsLoginReason`. */
export function useLoginPrompt(needsLogin = false, needsLoginReason?: string): LoginPrompt {
  const [prompt, setPrompt] = useState<{ reason?: string }>()
  const request = useCallback((reason?: string) => setPrompt({ reason }), [])
  const close = useCallback(() => setPrompt(undefined), [])
  useEffect(() => {
    if (needsLogin) setPrompt({ reason: needsLoginReason })
  }, [needsLogin, needsLoginReason])
  return useMemo(() => ({ prompt, request, close }), [prompt, request, close])
}

/** A visitor whose reads answered 401: reading needs a login. */
export function isLoginNeeded(
  user: SessionUser | null | undefined,
  queries: readonly { error: unknown }[],
): boolean {
  return user === null && queries.some((q) => q.error instanceof ApiError && q.error.status === 401)
}
