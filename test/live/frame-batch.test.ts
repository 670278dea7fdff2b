import { describe, expect, it } from 'vitest'
import { FrameBatch, type Schedule } from '../../server/live/frame-batch.ts'

/** A hand-driven clock: `run()` fires what was scheduled. */
function manualSchedule() {
  const due: { flush: () => void; cancelled: boolean; delayMs: number }[] = []
  const schedule: Schedule = (flush, delayMs) => {
    const entry = { flush, cancelled: false, delayMs }
    due.push(entry)
    return { cancel: () => (entry.cancelled = true) }
  }
  const run = () => {
    for (const entry of due.splice(0)) if (!entry.cancelled) entry.flush()
  }
  return { schedule, run, due }
}

describe('FrameBatch', () => {
  it('sends the frames of one window in one write, in order', () => {
    const writes: string[] = []
    const clock = manualSchedule()
    const batch = new FrameBatch((t) => writes.push(t), 50, clock.schedule)
    batch.push('id: 1\n\n')
    batch.push('id: 2\n\n')
    batch.push('id: 3\n\n')
    expect(writes).toEqual([])
    expect(clock.due).toHaveLength(1) // one timer per window, not per frame
    expect(clock.due[0]?.delayMs).toBe(50)
    clock.run()
    expect(writes).toEqual(['id: 1\n\nid: 2\n\nid: 3\n\n'])
  })

  it('starts a new window after a flush', () => {
    const writes: string[] = []
    const clock = manualSchedule()
    const batch = new FrameBatch((t) => writes.push(t), 50, clock.schedule)
    batch.push('a')
    clock.run()
    batch.push('b')
    clock.run()
    expect(writes).toEqual(['a', 'b'])
  })

  it('writes at once with a delay of 0', () => {
    const writes: string[] = []
    const batch = new FrameBatch((t) => writes.push(t), 0, manualSchedule().schedule)
    batch.push('a')
    batch.push('b')
    expect(writes).toEqual(['a', 'b'])
  })

  it('flushes what is queued on demand and writes nothing when empty', () => {
    const writes: string[] = []
    const clock = manualSchedule()
    const batch = new FrameBatch((t) => writes.push(t), 50, clock.schedule)
    batch.flush()
    batch.push('a')
    batch.flush()
    clock.run() // the cancelled timer does not write again
    expect(writes).toEqual(['a'])
  })

  it('drops queued frames when the stream closes', () => {
    const writes: string[] = []
    const clock = manualSchedule()
    const batch = new FrameBatch((t) => writes.push(t), 50, clock.schedule)
    batch.push('a')
    batch.discard()
    clock.run()
    expect(writes).toEqual([])
  })
})
