// The route table's generator: a row becomes the operation the document serves — the request body
// and query come from the route's zod schemas, writes get the CSRF header, session writes the
// Idempotency-Key with its 409/422, and a method listed twice is refused.
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { jsonResponse, pathParameter, security } from '../../server/http/openapi/common.ts'
import { type Route, toOperation, toPaths } from '../../server/http/openapi/route-table.ts'

const noteBody = z.object({ note: z.string().min(1).max(500) }).strict()
const listQuery = z
  .object({
    kind: z.enum(['a', 'b']).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict()

const read: Route = {
  route: 'GET /api/things/{id}',
  operationId: 'getThing',
  summary: '一件东西',
  who: 'read',
  params: [pathParameter('id', '编号')],
  query: { schema: listQuery, describe: { kind: '种类' } },
  ok: jsonResponse('东西', { type: 'object' }),
  errors: [400, 401, 404],
}
const write: Route = {
  route: 'POST /api/things/{id}/notes',
  operationId: 'addThingNote',
  summary: '备注',
  who: 'write',
  params: [pathParameter('id', '编号')],
  body: { schema: noteBody, example: { note: '好' } },
  status: 201,
  ok: jsonResponse('新备注', { type: 'object' }),
  errors: [400, 401, 403, 404, 415],
}

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })

describe('a row as an operation', () => {
  test('a read: the group tag, path parameters then the zod query, its errors and 500', () => {
    const op = toOperation('标签 Tag', read)
    expect(op.tags).toEqual(['标签 Tag'])
    expect(op.security).toBe(security.read)
    expect(op.parameters).toEqual([
      pathParameter('id', '编号'),
      {
        name: 'kind',
        in: 'query',
        required: false,
        description: '种类',
        schema: { type: 'string', enum: ['a', 'b'] },
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 },
      },
    ])
    expect(op.requestBody).toBeUndefined()
    expect(Object.keys(op.responses as object)).toEqual(['200', '400', '401', '404', '500'])
  })

  test('a session write: the body is the zod schema as sent, with CSRF and Idempotency-Key headers', () => {
    const op = toOperation('标签 Tag', write)
    expect(op.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { note: { type: 'string', minLength: 1, maxLength: 500 } },
            required: ['note'],
            additionalProperties: false,
          },
          example: { note: '好' },
        },
      },
    })
    expect(op.parameters).toEqual([
      pathParameter('id', '编号'),
      ref('parameters', 'XRequestedWith'),
      ref('parameters', 'IdempotencyKey'),
    ])
    const responses = op.responses as Record<string, unknown>
    expect(Object.keys(responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '415', '422', '500'].sort(),
    )
    expect(responses['422']).toEqual(ref('responses', 'IdempotencyKeyReused'))
  })

  test('a write no session can send gets the CSRF header but no Idempotency-Key (nobody to key it to)', () => {
    const open = toOperation('标签 Tag', { ...write, who: 'public', params: undefined })
    expect(open.security).toEqual([{}])
    expect(open.parameters).toEqual([ref('parameters', 'XRequestedWith')])
    expect(open.responses).not.toHaveProperty('422')
    const anyone = toOperation('标签 Tag', { ...write, who: 'anyoneWrites', params: undefined })
    expect(anyone.parameters).toContainEqual(ref('parameters', 'IdempotencyKey'))
  })
})

describe('a table as paths', () => {
  test('rows of one path share its item; "METHOD path" gives the method', () => {
    const paths = toPaths('标签 Tag', [
      read,
      { ...read, route: 'DELETE /api/things/{id}', operationId: 'deleteThing' },
    ])
    expect(Object.keys(paths)).toEqual(['/api/things/{id}'])
    expect(Object.keys(paths['/api/things/{id}'] ?? {})).toEqual(['get', 'delete'])
  })

  test('a method listed twice is a programming error', () => {
    expect(() => toPaths('标签 Tag', [read, { ...read, operationId: 'again' }])).toThrow(
      /GET \/api\/things\/\{id\} is listed twice/,
    )
  })
})
