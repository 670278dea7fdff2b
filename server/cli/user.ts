// npm run user -- create --username wang --role inspector [--name 王督导] [--unit urban-management]
//                        [--grids <15-digit code>,<15-digit code>]
// npm run user -- password --username wang
// npm run user -- list
// npm run user -- token --username wang [--label QGIS]   (a personal API token, read only)
// npm run user -- revoke-tokens --username wang
// The password is read from stdin (one line) or asked for on a terminal, never from the command line.
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createAccount, InvalidAccount, minPasswordLength } from '../auth/accounts.ts'
import { hashPassword } from '../auth/password.ts'
import { hashSecret, newSecret } from '../auth/secrets.ts'
import { loadConfig } from '../config.ts'
import { roleLabels } from '../domain/labels-zh.ts'
import { openStore } from '../storage/open-store.ts'
import { DuplicateUser } from '../storage/store-errors.ts'

const usage = `用法：
  npm run user -- create --username <用户名> --role <角色> [--name <姓名>] [--unit <单位代码>] [--grids <网格编码,…>]
  npm run user -- password --username <用户名>
  npm run user -- list
  npm run user -- token --username <用户名> [--label <用途>]      生成个人 API 令牌（只读，供 QGIS/GDAL 使用）
  npm run user -- revoke-tokens --username <用户名>              作废该用户的全部个人 API 令牌
角色：${Object.entries(roleLabels)
  .filter(([r]) => r !== 'display')
  .map(([r, l]) => `${r}（${l}）`)
  .join('、')}
密码从标准输入读取一行（echo 'secret' | npm run user -- …），在终端中则提示输入。`

async function readPassword(prompt: string): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stderr : undefined,
    terminal: false,
  })
  if (process.stdin.isTTY) process.stderr.write(prompt)
  for await (const line of rl) {
    rl.close()
    return line.replace(/\r$/, '')
  }
  return ''
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      grids: { type: 'string' },
      label: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals[0]
  if (values.help || !command) {
    console.log(usage)
    return values.help ? 0 : 2
  }
  const config = loadConfig(process.env)
  const store = await openStore(config.databasePath)
  try {
    if (command === 'list') {
      for (const u of await store.users()) {
        const scope = u.unitCode ?? (u.gridCodes ? `${u.gridCodes.length} 个网格` : '')
        console.log(
          `${u.username}\t${u.displayName}\t${roleLabels[u.role]}\t${scope}${u.active ? '' : '\t（停用）'}`,
        )
      }
      return 0
    }
    if (!values.username) throw new InvalidAccount('缺少 --username')
    if (command === 'token') {
      const user = await store.user(values.username)
      if (!user?.active) throw new InvalidAccount(`没有可用的用户 ${values.username}`)
      const token = newSecret()
      await store.addApiToken({
        hash: hashSecret(token),
        username: user.username,
        label: (values.label ?? 'API').slice(0, 40),
        createdAt: new Date().toISOString(),
      })
      console.error(
        `已为 ${user.username}（${roleLabels[user.role]}）生成个人 API 令牌，只显示这一次；只读，作为请求头使用：`,
      )
      console.error(`  GDAL_HTTP_HEADERS="Authorization: Bearer <令牌>" ogrinfo OAPIF:<地址> …`)
      console.log(token)
      return 0
    }
    if (command === 'revoke-tokens') {
      const count = await store.revokeApiTokens(values.username)
      console.log(`已作废 ${values.username} 的 ${count} 个个人 API 令牌`)
      return 0
    }
    const password = await readPassword(
      `${values.username} 的密码（至少 ${minPasswordLength} 位）：`,
    )
    if (command === 'create') {
      const user = await createAccount(store, {
        username: values.username,
        role: (values.role ?? '') as never,
        password,
        ...(values.name ? { displayName: values.name } : {}),
        ...(values.unit ? { unitCode: values.unit } : {}),
        ...(values.grids ? { gridCodes: values.grids.split(',').map((g) => g.trim()) } : {}),
      })
      console.log(`已创建用户 ${user.username}（${user.displayName}，${roleLabels[user.role]}）`)
      return 0
    }
    if (command === 'password') {
      if (password.length < minPasswordLength)
        throw new InvalidAccount(`密码至少 ${minPasswordLength} 位`)
      const changed = await store.setPassword(values.username, await hashPassword(password))
      if (!changed) throw new InvalidAccount(`没有用户 ${values.username}`)
      console.log(`已更新 ${values.username} 的密码，原有登录已失效`)
      return 0
    }
    console.error(`未知命令 ${command}\n${usage}`)
    return 2
  } finally {
    await store.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof InvalidAccount || err instanceof DuplicateUser
    console.error(known ? `错误：${(err as Error).message}` : err)
    process.exit(1)
  },
)
