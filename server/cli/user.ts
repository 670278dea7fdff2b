// npm run user -- create --username wang --role inspector [--name 王督导] [--unit urban-management]
//                        [--grids 532927101001001,532927101001002]
// npm run user -- password --username wang
// npm run user -- list
// The password is read from stdin (one line) or asked for on a terminal, never from the command line.
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createAccount, InvalidAccount, minPasswordLength } from '../auth/accounts.ts'
import { hashPassword } from '../auth/password.ts'
import { loadConfig } from '../config.ts'
import { roleLabels } from '../domain/labels-zh.ts'
import { openStore } from '../storage/open-store.ts'
import { DuplicateUser } from '../storage/store-errors.ts'

const usage = `用法：
  npm run user -- create --username <用户名> --role <角色> [--name <姓名>] [--unit <单位代码>] [--grids <网格编码,…>]
  npm run user -- password --username <用户名>
  npm run user -- list
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
