// What every route needs from the app: the store, the clock, the public base URL, the built client,
// and the ledger's settings (read access, cookies, password cost, where photos go).
import type { Request } from 'express'
import type { ScryptCost } from '../auth/password.ts'
import type { ReadAccess } from '../config.ts'
import type { Store } from '../storage/store.ts'

export interface AppContext {
  store: Store
  now: () => Date
  /** absolute base URL for links; derived from the request when not configured */
  baseUrl: (req: Request) => string
  /** path of dist/index.html when the client has been built, else undefined */
  spaIndex: () => string | undefined
  readAccess: ReadAccess
  secureCookies: boolean // Secure cookies when the public base URL is https
  sessionTtlMs: number
  passwordCost: ScryptCost
  attachmentsDir: string
  loginLimit: { max: number; ipMax: number; windowMs: number } // failed logins per account / per IP
}

const safeHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

/** The configured public base URL, or scheme://host of the request (a malformed Host is ignored). */
export function baseUrlFrom(publicBaseUrl: string | undefined): (req: Request) => string {
  return (req) => {
    if (publicBaseUrl) return publicBaseUrl
    const host = req.get('host')
    return `${req.protocol}://${host && safeHost.test(host) ? host : 'localhost'}`
  }
}
