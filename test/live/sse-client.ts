// A Server-Sent Events reader for tests: fetch with a streamed body, parsed into frames (id, event,
// data, comments) as the EventSource spec reads them; `next` waits for the next frame that matches.
export interface SseFrame {
  id?: string
  event?: string
  data?: string
  comment?: string
  retry?: number
}

export interface SseStream {
  status: number
  headers: Headers
  frames: SseFrame[] // every frame so far, in order
  /** The first frame after those already taken that matches, within timeoutMs. */
  next(match?: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>
  close(): void
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const controller = new AbortController()
  const res = await fetch(url, { headers, signal: controller.signal })
  const frames: SseFrame[] = []
  const waiters = new Set<() => void>()
  let taken = 0
  let ended = false
  const pump = async () => {
    if (!res.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          frames.push(parseFrame(buffer.slice(0, end)))
          buffer = buffer.slice(end + 2)
        }
        for (const wake of waiters) wake()
      }
    } catch {
      // aborted by close()
    }
    ended = true
    for (const wake of waiters) wake()
  }
  void pump()
  return {
    status: res.status,
    headers: res.headers,
    frames,
    // generous: a loaded CI machine is slow, and no test waits for a frame that must not come
    next(match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          while (taken < frames.length) {
            const frame = frames[taken++] as SseFrame
            if (match(frame)) {
              done()
              resolve(frame)
              return
            }
          }
          if (ended) {
            done()
            reject(new Error('the stream ended'))
          }
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`no matching frame within ${timeoutMs} ms`))
        }, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      })
    },
    close: () => controller.abort(),
  }
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {}
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) {
      frame.comment = line.slice(1).trim()
      continue
    }
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') frame.id = value
    else if (field === 'event') frame.event = value
    else if (field === 'data')
      frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`
    else if (field === 'retry') frame.retry = Number(value)
  }
  return frame
}

/** The JSON of an `event: issue` frame. */
// biome-ignore lint/suspicious/noExplicitAny: event JSON, checked by the assertions
export const dataOf = (frame: SseFrame): any => JSON.parse(frame.data ?? 'null')
