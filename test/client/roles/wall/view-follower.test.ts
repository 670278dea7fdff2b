// The wall's view follower: one round per announced version, never two at once, whatever the pace.
import { describe, expect, test } from 'vitest'
import { createViewFollower } from '../../../../client/roles/wall/view-follower.ts'

/** A server at `version`; rounds the test resolves by hand, counting how many overlap. */
function fakeServer() {
  const state = { version: 1, held: 0, inFlight: 0, maxInFlight: 0, rounds: 0 }
  const pending: (() => void)[] = []
  const round = () =>
    new Promise<number>((resolve) => {
      state.rounds++
      state.inFlight++
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
      const at = state.version // the answer is the version when the request reached the server
      pending.push(() => {
        state.inFlight--
        state.held = at
        resolve(at)
      })
    })
  const settle = async () => {
    for (let i = 0; i < 100 && pending.length; i++) {
      pending.shift()?.()
      await new Promise((r) => setTimeout(r, 0))
    }
  }
  return { state, round, held: () => state.held, settle }
}

describe('createViewFollower', () => {
  test('100 announcements during one round cost one more round, never two at once', async () => {
    const s = fakeServer()
    const follower = createViewFollower(s.round, s.held)
    follower.follow(1)
    for (let v = 2; v <= 101; v++) {
      s.state.version = v
      follower.follow(v)
    }
    await s.settle()
    expect(s.state.maxInFlight).toBe(1)
    expect(s.state.rounds).toBe(2)
    expect(s.state.held).toBe(101)
    expect(follower.running).toBe(false)
  })

  test('an announced version already held costs nothing', async () => {
    const s = fakeServer()
    const follower = createViewFollower(s.round, s.held)
    follower.follow(1)
    await s.settle()
    follower.follow(1)
    follower.follow(0)
    await s.settle()
    expect(s.state.rounds).toBe(1)
  })

  test('a round that brings nothing new is not repeated (a server behind its announcement)', async () => {
    const s = fakeServer()
    const follower = createViewFollower(s.round, s.held)
    follower.follow(1)
    await s.settle()
    follower.follow(5) // the server still answers version 1
    await s.settle()
    expect(s.state.rounds).toBe(2)
    expect(follower.running).toBe(false)
  })

  test('after reset (a restarted server counting from 1) a low version is followed again', async () => {
    const s = fakeServer()
    s.state.version = 40
    const follower = createViewFollower(s.round, s.held)
    follower.follow(40)
    await s.settle()
    follower.reset()
    s.state.version = 1
    follower.follow(1)
    await s.settle()
    expect(s.state.rounds).toBe(2)
    expect(s.state.held).toBe(1)
  })

  test('a failed round stops the pump; the next announcement starts a new one', async () => {
    let calls = 0
    const follower = createViewFollower(
      async () => {
        calls++
        if (calls === 1) throw new Error('无法连接数据服务')
        return 3
      },
      () => 0,
    )
    follower.follow(2)
    await new Promise((r) => setTimeout(r, 0))
    follower.follow(3)
    await new Promise((r) => setTimeout(r, 0))
    expect(calls).toBe(2)
  })

  test('a round waits a random moment within the announced spread; later announcements join it', async () => {
    const s = fakeServer()
    const timers: { fn: () => void; ms: number }[] = []
    const clock = {
      random: () => 0.5,
      setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
      clearTimeout: () => {},
    }
    const follower = createViewFollower(s.round, s.held, clock)
    follower.follow(1, 800)
    follower.follow(2, 800) // while waiting: raises the target, no second timer
    expect(timers.map((t) => t.ms)).toEqual([400])
    expect(s.state.rounds).toBe(0)
    s.state.version = 2
    timers[0]?.fn()
    await s.settle()
    expect(s.state.rounds).toBe(1)
    expect(s.state.held).toBe(2)
  })

  test('reset drops a round still waiting to start', async () => {
    const s = fakeServer()
    let cleared = 0
    const clock = {
      random: () => 0.9,
      setTimeout: (fn: () => void) => fn,
      clearTimeout: () => {
        cleared++
      },
    }
    const follower = createViewFollower(s.round, s.held, clock)
    follower.follow(5, 100)
    follower.reset()
    expect(cleared).toBe(1)
    follower.follow(1, 0) // no spread: the round starts at once
    await s.settle()
    expect(s.state.rounds).toBe(1)
  })
})
