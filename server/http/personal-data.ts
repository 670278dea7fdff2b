// Personal data and who may read it. Under READ_ACCESS=public an anonymous reader gets the map layers
// and the aggregates, nothing personal: no names or phone numbers of people (grid managers, accounts,
// who reported or handled an issue), no photos, no exports. Any caller — a session, the display token
// or a personal API token (Bearer) — reads what its role allows. test/http/personal-data.test.ts walks
// every GET route as an anonymous reader.
import type { Response } from 'express'
import { callerOf } from './auth.ts'
import { Unauthorized } from './errors.ts'

export const isAnonymous = (res: Response): boolean => callerOf(res) === undefined

/** 401 for an anonymous reader: `what` names what is protected (「网格长名单」). */
export function assertReader(res: Response, what: string): void {
  if (isAnonymous(res)) throw new Unauthorized(`${what}含个人信息，请登录后查看`)
}
