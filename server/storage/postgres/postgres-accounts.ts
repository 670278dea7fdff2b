// Users, sessions and display tokens on PostGIS. Session ids and tokens arrive as hashes.
import type { User } from '../../domain/roles.ts'
import { toUser, toUserRecord, type UserRow, userColumns, userValues } from '../account-rows.ts'
import type { NewApiToken, NewSession, UserRecord } from '../account-store.ts'
import { DuplicateUser } from '../store-errors.ts'
import { isUniqueViolation, query, queryOne } from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresAccounts extends PostgresPart {
  async user(username: string): Promise<UserRecord | undefined> {
    const row = await queryOne<UserRow>(this.db, 'SELECT * FROM users WHERE username = $1', [
      username,
    ])
    return row && toUserRecord(row)
  }

  async users(): Promise<UserRecord[]> {
    return (await query<UserRow>(this.db, 'SELECT * FROM users ORDER BY username')).map(
      toUserRecord,
    )
  }

  async createUser(user: UserRecord): Promise<void> {
    try {
      await this.write(async (w) => {
        await query(
          w.tx,
          `INSERT INTO users (${userColumns})
           VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8)`,
          userValues(user, (active) => active),
        )
      })
    } catch (error) {
      if (isUniqueViolation(error, 'users_pkey')) throw new DuplicateUser(user.username)
      throw error
    }
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.write(async (w) => {
      const rows = await query(
        w.tx,
        'UPDATE users SET password_hash = $1 WHERE username = $2 RETURNING username',
        [passwordHash, username],
      )
      // a new password ends every session opened with the old one
      if (rows.length > 0) await query(w.tx, 'DELETE FROM sessions WHERE username = $1', [username])
      return rows.length > 0
    })
  }

  async createSession(session: NewSession): Promise<void> {
    await query(
      this.db,
      'INSERT INTO sessions (id_hash, username, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [session.idHash, session.username, session.createdAtMs, session.expiresAtMs],
    )
  }

  async sessionUser(
    idHash: string,
    nowMs: number,
  ): Promise<{ user: User; expiresAtMs: number } | undefined> {
    const row = await queryOne<UserRow & { expires_at: number }>(
      this.db,
      `SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active`,
      [idHash, nowMs],
    )
    if (!row) return undefined
    return { user: toUser(row), expiresAtMs: row.expires_at }
  }

  async extendSession(idHash: string, expiresAtMs: number): Promise<void> {
    await query(this.db, 'UPDATE sessions SET expires_at = $1 WHERE id_hash = $2', [
      expiresAtMs,
      idHash,
    ])
  }

  async deleteSession(idHash: string): Promise<void> {
    await query(this.db, 'DELETE FROM sessions WHERE id_hash = $1', [idHash])
  }

  async deleteExpiredSessions(nowMs: number): Promise<number> {
    const rows = await query(this.db, 'DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1', [
      nowMs,
    ])
    return rows.length
  }

  async replaceDisplayTokens(token: {
    hash: string
    name: string
    createdAt: string
  }): Promise<void> {
    await this.write(async (w) => {
      await query(w.tx, 'DELETE FROM display_tokens')
      await query(
        w.tx,
        'INSERT INTO display_tokens (token_hash, name, created_at) VALUES ($1, $2, $3)',
        [token.hash, token.name, token.createdAt],
      )
    })
  }

  async hasDisplayToken(hash: string): Promise<boolean> {
    return (
      (await queryOne(this.db, 'SELECT 1 FROM display_tokens WHERE token_hash = $1', [hash])) !==
      undefined
    )
  }

  async addApiToken(token: NewApiToken): Promise<void> {
    await this.write(async (w) => {
      await query(
        w.tx,
        'INSERT INTO api_tokens (token_hash, username, label, created_at) VALUES ($1, $2, $3, $4)',
        [token.hash, token.username, token.label, token.createdAt],
      )
    }, true)
  }

  async apiTokenUser(hash: string): Promise<User | undefined> {
    const row = await queryOne<UserRow>(
      this.db,
      `SELECT u.* FROM api_tokens t JOIN users u ON u.username = t.username
       WHERE t.token_hash = $1 AND u.active`,
      [hash],
    )
    if (!row) return undefined
    return toUser(row)
  }

  async revokeApiTokens(username: string): Promise<number> {
    return this.write(
      async (w) =>
        (
          await query(w.tx, 'DELETE FROM api_tokens WHERE username = $1 RETURNING token_hash', [
            username,
          ])
        ).length,
      true,
    )
  }

  async displayTokenCount(): Promise<number> {
    return (
      (await queryOne<{ n: number }>(this.db, 'SELECT count(*) AS n FROM display_tokens'))?.n ?? 0
    )
  }
}
