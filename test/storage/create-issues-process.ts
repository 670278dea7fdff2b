// A process that reports issues one by one into a shared store, for the 问题编号 concurrency test:
// argv location, count, label, go file, partner label. Prints "ready" once connected, starts when
// the go file exists (so two processes start together); after its first issue it waits for the
// partner's first, so each one's later issues race the other's (however the machine schedules them);
// prints the numbers it was given, as JSON, last.
import { existsSync, writeFileSync } from 'node:fs'
import { openStore } from '../../server/storage/open-store.ts'

const [location, countText, label, goFile, partner] = process.argv.slice(2)
if (!location || !countText || !goFile || !partner) {
  throw new Error('usage: location count label goFile partner')
}
const waitFor = async (file: string) => {
  while (!existsSync(file)) await new Promise((r) => setTimeout(r, 10))
}
const store = await openStore(location)
process.stdout.write('ready\n')
await waitFor(goFile)
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
  if (i === 0) {
    writeFileSync(`${goFile}.${label}`, 'first')
    await waitFor(`${goFile}.${partner}`)
  }
}
await store.close()
process.stdout.write(`${JSON.stringify(numbers)}\n`, () => process.exit(0))
