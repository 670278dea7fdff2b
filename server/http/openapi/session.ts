// 会话 Session: sign in, who am I, sign out; the user list for administrators.
import { loginSchema } from '../routes/session.ts'
import {
  arrayOf,
  errors,
  jsonBody,
  jsonResponse,
  noContent,
  type OpenApiPart,
  objectOf,
  operation,
  requestSchema,
  schemaRef,
  security,
  tags,
} from './common.ts'

const userBody = objectOf({ user: schemaRef('sessionUser') }, ['user'])

export const sessionPart: OpenApiPart = {
  paths: {
    '/api/session': {
      post: operation('post', {
        tags: [tags.session],
        operationId: 'signIn',
        summary: '登录',
        description:
          '成功后设置会话 Cookie（HttpOnly、SameSite=Strict、Path=/，12 小时，使用中延长）。同一账号 15 分钟内失败 10 次、或同一 IP 对任意账号失败 30 次后 429（Retry-After 给出秒数）。',
        security: security.anyoneWrites,
        requestBody: jsonBody(requestSchema(loginSchema), {
          username: 'inspector',
          password: 'weishan2026',
        }),
        responses: {
          '200': {
            ...jsonResponse('已登录', userBody),
            headers: {
              'Set-Cookie': { description: 'weishan_session=…', schema: { type: 'string' } },
            },
          },
          ...errors(400, 401, 403, 415, 429),
        },
      }),
      get: operation('get', {
        tags: [tags.session],
        operationId: 'getSession',
        summary: '当前用户（会话或大屏令牌）',
        security: security.read,
        responses: { '200': jsonResponse('当前用户及其权限', userBody), ...errors(401) },
      }),
      delete: operation('delete', {
        tags: [tags.session],
        operationId: 'signOut',
        summary: '退出登录（没有会话时也成功）',
        security: security.anyoneWrites,
        responses: { '204': noContent, ...errors(403) },
      }),
    },
    '/api/users': {
      get: operation('get', {
        tags: [tags.session],
        operationId: 'listUsers',
        summary: '用户列表（管理员，user_admin）',
        security: security.signedInRead,
        responses: {
          '200': jsonResponse('所有账号', arrayOf(schemaRef('userAccount'))),
          ...errors(401, 403),
        },
      }),
    },
  },
}
