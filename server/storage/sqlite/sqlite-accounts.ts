// Users, sessions and display tokens on SQLite. Session ids and tokens arrive as hashes.
import type { User } from '../../domain/roles.ts'
import { toUser, toUserRecord, type UserRow, userColumns, userValues } from '../account-rows.ts'
import type { AccountStore, NewApiToken, NewSession, UserRecord } from '../account-store.ts'
import { DuplicateUser } from '../store-errors.ts'
import { SqlitePart } from './sqlite-part.ts'

export class SqliteAccounts extends SqlitePart implements AccountStore {
  async user(username: string): Promise<UserRecord | undefined> {
    const row = this.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      | UserRow
      | undefined
    return row && toUserRecord(row)
  }

  async users(): Promise<UserRecord[]> {
    const rows = this.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]
    return rows.map(toUserRecord)
  }

  async createUser(user: UserRecord): Promise<void> {
    this.transaction(() => {
      if (this.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username)) {
        throw new DuplicateUser(user.username)
      }
      this.prepare(
        `INSERT INTO users (${userColumns})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...userValues(user, (active) => (active ? 1 : 0)))
    })
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.transaction(() => {
      const { changes } = this.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(
        passwordHash,
        username,
      )
      // a new password ends every session opened with the old one
      if (changes > 0) this.prepare('DELETE FROM sessions WHERE username = ?').run(username)
      return changes > 0
    })
  }

  async createSession(session: NewSession): Promise<void> {
    this.prepare(
      'INSERT INTO sessions (id_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ).run(session.idHash, session.username, session.createdAtMs, session.expiresAtMs)
  }

  async sessionUser(
    idHash: string,
    nowMs: number,
  ): Promise<{ user: User; expiresAtMs: number } | undefined> {
    const row = this.prepare(
      `SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.id_hash = ? AND s.expires_at > ? AND u.active = 1`,
    ).get(idHash, nowMs) as (UserRow & { expires_at: number }) | undefined
    if (!row) return undefined
    return { user: toUser(row), expiresAtMs: row.expires_at }
  }

  async extendSession(idHash: string, expiresAtMs: number): Promise<void> {
    this.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').run(expiresAtMs, idHash)
  }

  async deleteSession(idHash: string): Promise<void> {
    this.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash)
  }

  async deleteExpiredSessions(nowMs: number): Promise<number> {
    return this.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(nowMs).changes
  }

  async replaceDisplayTokens(token: {
    hash: string
    name: string
    createdAt: string
  }): Promise<void> {
    this.transaction(() => {
      this.prepare('DELETE FROM display_tokens').run()
      this.prepare(
        'INSERT INTO display_tokens (token_hash, name, created_at) VALUES (?, ?, ?)',
      ).run(token.hash, token.name, token.createdAt)
    })
  }

  async hasDisplayToken(hash: string): Promise<boolean> {
    return this.prepare('SELECT 1 FROM display_tokens WHERE token_hash = ?').get(hash) !== undefined
  }

  async displayTokenCount(): Promise<number> {
    return this.prepare('SELECT count(*) FROM display_tokens').pluck().get() as number
  }

  async addApiToken(token: NewApiToken): Promise<void> {
    this.prepare(
      'INSERT INTO api_tokens (token_hash, username, label, created_at) VALUES (?, ?, ?, ?)',
    ).run(token.hash, token.username, token.label, token.createdAt)
  }

  async apiTokenUser(hash: string): Promise<User | undefined> {
    const row = this.prepare(
      `SELECT u.* FROM api_tokens t JOIN users u ON u.username = t.username
       WHERE t.token_hash = ? AND u.active = 1`,
    ).get(hash) as UserRow | undefined
    if (!row) return undefined
    return toUser(row)
  }

  async revokeApiTokens(username: string): Promise<number> {
    return this.prepare('DELETE FROM api_tokens WHERE username = ?').run(username).changes
  }
}
