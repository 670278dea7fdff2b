// How often the event loop turned while some work ran: work that never yields gives 0, which is
// what a request waiting behind it sees.

/** How often the event loop turned (setImmediate callbacks ran) until `work` settled. */
export async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0
  let done = false
  const spin = () => {
    if (done) return
    turns++
    setImmediate(spin)
  }
  setImmediate(spin)
  await work
  done = true
  return turns
}
