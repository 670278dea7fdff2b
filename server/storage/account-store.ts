// The accounts part of the Store: users with password hashes, sessions, display tokens and
// personal API tokens.
// Secrets arrive hashed (server/auth/): the store never sees a password, session id or token.
import type { User } from '../domain/roles.ts'

export interface UserRecord extends User {
  passwordHash: string // scrypt$N$r$p$salt$hash
  active: boolean
  createdAt: string
}

export interface AccountStore {
  user(username: string): Promise<UserRecord | undefined>
  /** Every user, by username. */
  users(): Promise<UserRecord[]>
  /** Throws DuplicateUser when the username is taken. */
  createUser(user: UserRecord): Promise<void>
  setPassword(username: string, passwordHash: string): Promise<boolean>
  createSession(session: NewSession): Promise<void>
  /** The active user behind an unexpired session, or undefined. */
  sessionUser(
    idHash: string,
    nowMs: number,
  ): Promise<{ user: User; expiresAtMs: number } | undefined>
  /** Moves a session's expiry (sliding sessions). */
  extendSession(idHash: string, expiresAtMs: number): Promise<void>
  deleteSession(idHash: string): Promise<void>
  deleteExpiredSessions(nowMs: number): Promise<number>
  /** Replaces every display token with this one (rotation). */
  replaceDisplayTokens(token: { hash: string; name: string; createdAt: string }): Promise<void>
  hasDisplayToken(hash: string): Promise<boolean>
  displayTokenCount(): Promise<number>
  /** A personal API token (read only) for a user. */
  addApiToken(token: NewApiToken): Promise<void>
  /** The active user behind a personal API token, or undefined. */
  apiTokenUser(hash: string): Promise<User | undefined>
  /** Revokes every personal API token of a user; answers how many there were. */
  revokeApiTokens(username: string): Promise<number>
}

export interface NewSession {
  idHash: string
  username: string
  createdAtMs: number
  expiresAtMs: number
}

export interface NewApiToken {
  hash: string
  username: string
  label: string
  createdAt: string
}
