// 会话 Session: sign in, who am I, sign out; the user list for administrators.
import { loginSchema } from '../routes/session.ts'
import { jsonResponse, schemaRef, t, tags } from './common.ts'
import { noContentAnswer, type Route, toPart } from './route-table.ts'

const userBody = t.object({ user: schemaRef('sessionUser') }, ['user'])

const routes: Route[] = [
  {
    route: 'POST /api/session',
    operationId: 'signIn',
    summary: '登录',
    description:
      '成功后设置会话 Cookie（HttpOnly、SameSite=Strict、Path=/，12 小时，使用中延长）。同一账号 15 分钟内失败 10 次、或同一 IP 对任意账号失败 30 次后 429（Retry-After 给出秒数）。',
    who: 'anyoneWrites',
    body: {
      schema: loginSchema,
      example: {
        username: 'inspector',
        password: 'weishan2026',
      },
    },
    ok: {
      ...jsonResponse('已登录', userBody),
      headers: {
        'Set-Cookie': { description: 'weishan_session=…', schema: t.string },
      },
    },
    errors: [401, 429],
  },
  {
    route: 'GET /api/session',
    operationId: 'getSession',
    summary: '当前用户（会话或大屏令牌）',
    who: 'read',
    ok: jsonResponse('当前用户及其权限', userBody),
  },
  {
    route: 'DELETE /api/session',
    operationId: 'signOut',
    summary: '退出登录（没有会话时也成功）',
    who: 'anyoneWrites',
    ...noContentAnswer,
  },
  {
    route: 'GET /api/users',
    operationId: 'listUsers',
    summary: '用户列表（管理员，user_admin）',
    who: 'signedInRead',
    ok: jsonResponse('所有账号', t.array(schemaRef('userAccount'))),
    errors: [403],
  },
]

export const sessionPart = toPart(tags.session, routes)
