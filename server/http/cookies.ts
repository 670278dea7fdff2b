// The session cookie: read from the Cookie header, written HttpOnly + SameSite=Strict (+ Secure on https).
import type { Request, Response } from 'express'

export const sessionCookie = 'weishan_session'

/** A cookie's value from the request, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function setSessionCookie(
  res: Response,
  value: string,
  maxAgeMs: number,
  secure: boolean,
): void {
  res.cookie(sessionCookie, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeMs,
  })
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', secure, path: '/' })
}
