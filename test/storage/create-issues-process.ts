// A process that reports issues one by one into a shared store, for the 问题编号 concurrency test:
// argv location, count, label, go file. Prints "ready" once connected, starts when the go file
// exists (so two processes start together) and prints the numbers it was given, as JSON, last.
import { existsSync } from 'node:fs'
import { openStore } from '../../server/storage/open-store.ts'

const [location, countText, label, goFile] = process.argv.slice(2)
if (!location || !countText || !goFile) throw new Error('usage: location count label goFile')
const store = await openStore(location)
process.stdout.write('ready\n')
while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 10))
const at = '2026-11-22T01:00:00Z'
const numbers: string[] = []
for (let i = 0; i < Number(countText); i++) {
  const [created] = await store.createIssues([
    {
      actor: 'admin',
      actorName: '管理员',
      role: 'admin',
      at,
      action: 'report',
      to: 'pending',
      changes: {
        category: 'graffiti',
        description: `并发编号测试 ${label ?? ''}-${i}`,
        status: 'pending',
        reportedAt: at,
        updatedAt: at,
        deadlineAt: '2026-11-25T01:00:00Z',
        responsibleUnit: 'urban-management',
        gridCode: '532927101001002',
        townshipCode: '532927101',
        synthetic: false,
        lngLat: [100.31, 25.24],
      },
    },
  ])
  numbers.push(created?.state.properties.issueNo ?? 'none')
}
await store.close()
process.stdout.write(`${JSON.stringify(numbers)}\n`, () => process.exit(0))
