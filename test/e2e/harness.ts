// What every e2e script needs: the real server (tsx server/main.ts) on a free port with a temp
// SQLite file, headless Debian Chromium, a watch for console errors and failed requests, map
// readiness waits and screenshots into test/artifacts/e2e/.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { decodePng, type Image } from './png.ts'

export const root = path.resolve(import.meta.dirname, '../..')
export const artifacts = path.join(root, 'test/artifacts/e2e')
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Every demo account's password (README). */
export const demoPassword = 'weishan2026'
/** `-- --short` or E2E_SHORT=1: the short version of a run, as CI runs it. */
export const short = process.argv.includes('--short') || process.env.E2E_SHORT === '1'
/** The value after `--name` on the command line (`-- --size 1366x768`); undefined when absent. */
export function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at < 0 ? undefined : process.argv[at + 1]
}
/**
 * `--in-app`: the phones are an in-app browser — WeChat's (XWEB, on Android's system WebView) by its
 * user agent, and without a service worker, as in-app browsers may lack one. Screenshots get `in-app-`.
 */
export const inAppBrowser = process.argv.includes('--in-app')
const weChatUserAgent =
  'Mozilla/5.0 (Linux; Android 13; V2118A Build/TP1A.220624.014; wv) AppleWebKit/537.36 ' +
  '(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 ' +
  'MMWEBSDK/20240404 MMWEBID/6310 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin ' +
  'NetType/WIFI Language/zh_CN ABI/arm64'
export const readyTimeoutMs = 300_000 // SwiftShader on 2 cores: a 4K first frame takes ~35 s quiet, 120 s+ loaded

// Expected noise (toolchain guide §3.7): HeatmapLayer binds a texture its shader does not declare
const allowedConsole = [/Binding weightsTexture not set/]

export function createLog(started = Date.now()) {
  return (message: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`)
}

/** One script's run: its failed checks, and what must be closed on every exit path (signals too). */
export interface E2eRun {
  log: (message: string) => void
  failures: string[]
  check: (condition: unknown, message: string) => void
  cleanup: () => Promise<void>
  /** Runs the scenario, always cleans up, prints the verdict and exits 1 on any failure. */
  finish: (name: string, scenario: () => Promise<void>, extra?: () => string) => Promise<void>
  server?: ServerHandle
  browser?: Browser
  tempDir?: string
}

export function createRun(started = Date.now()): E2eRun {
  const log = createLog(started)
  const run: E2eRun = {
    log,
    failures: [],
    check(condition, message) {
      if (condition) return
      run.failures.push(message)
      log(`✗ ${message}`)
    },
    async cleanup() {
      await run.browser?.close().catch(() => {})
      run.browser = undefined
      run.server?.stop()
      if (run.tempDir) await rm(run.tempDir, { recursive: true, force: true }).catch(() => {})
      run.tempDir = undefined
    },
    async finish(name, scenario, extra) {
      try {
        await scenario()
      } catch (error) {
        run.failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error))
        log(`✗ ${run.failures.at(-1)}`)
      } finally {
        await run.cleanup()
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      if (run.failures.length) {
        const list = run.failures.join('\n- ')
        console.error(
          `\ne2e ${name}: ${run.failures.length} failure(s) in ${seconds} s:\n- ${list}`,
        )
        process.exit(1)
      }
      const more = extra ? ` (${extra()})` : ''
      console.log(
        `\ne2e ${name}: passed in ${seconds} s${more}; screenshots in test/artifacts/e2e/`,
      )
    },
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal}: cleaning up`)
      void run.cleanup().finally(() => process.exit(130))
    })
  }
  return run
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export interface ServerHandle {
  base: string
  stop: () => void
  output: () => string
}

/**
 * Starts the server and waits until it answers (any status: with READ_ACCESS=authenticated it
 * answers 401); env adds to (or overrides) process.env. `stopSignal` SIGKILL makes `stop` a crash.
 */
export async function startServer(
  port: number,
  databasePath: string,
  env: Record<string, string> = {},
  stopSignal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<ServerHandle> {
  const tsx = path.join(root, 'node_modules/.bin/tsx')
  const child: ChildProcess = spawn(tsx, ['server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so tsx and its node child go down together
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const stop = () => {
    if (!child.pid || child.exitCode !== null) return
    try {
      process.kill(-child.pid, stopSignal)
    } catch {
      // already gone
    }
  }
  process.on('exit', stop) // last resort, synchronous
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`)
    const answered = await fetch(`${base}/conformance`, { headers: { Accept: 'application/json' } })
      .then((r) => r.status > 0)
      .catch(() => false) // not listening yet
    if (answered) return { base, stop, output: () => output }
    await new Promise((r) => setTimeout(r, 250))
  }
  stop()
  throw new Error(`server did not answer on ${base} within 60 s:\n${output}`)
}

/** Waits until GET /readyz answers 200: the store answers and the live view has read the ledger. */
export async function waitForReady(base: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const status = await fetch(`${base}/readyz`)
      .then((r) => r.status)
      .catch(() => 0)
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${base}/readyz did not answer 200 within ${timeoutMs / 1000} s`)
}

export const phone = { width: 390, height: 844 } // the phone screens' design size

/** A phone (touch, 2× pixels, zh-CN) standing at `lngLat` with location allowed for `base`. */
export async function phoneContext(
  browser: Browser,
  base: string,
  lngLat: [number, number],
  accuracyM = 12,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: phone,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { longitude: lngLat[0], latitude: lngLat[1], accuracy: accuracyM },
    ...(inAppBrowser ? { userAgent: weChatUserAgent } : {}),
  })
  await context.grantPermissions(['geolocation'], { origin: base })
  await context.addInitScript('globalThis.__name = (fn) => fn') // tsx keepNames in page.evaluate
  if (inAppBrowser) await context.addInitScript('delete Navigator.prototype.serviceWorker')
  return context
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      // Chromium 156 builds its omnibox popup (a WebUI page, 1.5–2 s of CPU) for every new tab,
      // even headless: on two cores that competed with the page being measured
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      '--disable-quic',
      '--mute-audio',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-domain-reliability',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  })
}

/** A 4xx the test provokes on purpose (or the contract promises), so it is not a failure. */
export interface ExpectedResponse {
  status: number
  method?: string
  url: RegExp
  why: string
}

export interface PageWatch {
  problems: string[]
  expected: string[] // the expected 4xx that did happen, for the log
}

/** Collects console errors, page errors, failed and 4xx/5xx requests, minus the expected ones. */
export function watch(page: Page, expected: ExpectedResponse[] = []): PageWatch {
  const result: PageWatch = { problems: [], expected: [] }
  const isExpected = (status: number, url: string, method?: string) =>
    expected.find(
      (e) =>
        e.status === status && e.url.test(url) && (!e.method || !method || e.method === method),
    )
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() !== 'error' || allowedConsole.some((re) => re.test(text))) return
    // Chromium logs every 4xx as "Failed to load resource"; the response handler judges those
    const status = Number(/status of (\d{3})/.exec(text)?.[1])
    if (status && isExpected(status, message.location().url)) return
    result.problems.push(`console error: ${text} (${message.location().url})`)
  })
  page.on('pageerror', (error) => result.problems.push(`page error: ${error.message}`))
  // every page runs under the server's CSP (http/security-headers.ts): any violation is a problem,
  // including those Chromium reports only as an event (a worker, a blob)
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    )
  })
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document') return
    if (!/script-src 'self'/.test(response.headers()['content-security-policy'] ?? '')) {
      result.problems.push(`page without the CSP: ${response.url()}`)
    }
  })
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? ''
    // Only the page cancels a request with ERR_ABORTED (a server fault shows as a refused, reset or
    // empty response): a GET aborted because a download, a newer query, a view the map left or a
    // navigation (signing out) made it obsolete loses nothing. An aborted write is still a problem.
    if (error === 'net::ERR_ABORTED' && request.method() === 'GET') {
      result.expected.push(`aborted GET ${request.url()}: the page no longer needed it`)
      return
    }
    result.problems.push(`request failed: ${request.method()} ${request.url()} (${error})`)
  })
  page.on('response', (response) => {
    const status = response.status()
    if (status < 400) return
    const method = response.request().method()
    const known = isExpected(status, response.url(), method)
    if (known) result.expected.push(`${status} ${method} ${response.url()}: ${known.why}`)
    else result.problems.push(`HTTP ${status}: ${method} ${response.url()}`)
  })
  return result
}

/** Clicks the main map (window.__inspectionMap) where a coordinate is drawn. */
export async function clickMapAt(page: Page, lngLat: [number, number]): Promise<void> {
  const [x, y] = await page.evaluate((at) => {
    const map = window.__inspectionMap
    const box = map?.getCanvas().getBoundingClientRect()
    const p = map?.project(at)
    return [(p?.x ?? 0) + (box?.left ?? 0), (p?.y ?? 0) + (box?.top ?? 0)]
  }, lngLat)
  await page.mouse.click(x, y)
}

/**
 * Moves the main map at once. Evaluates to nothing on purpose: `map.jumpTo` returns the map, and
 * Playwright would serialise all of it (tile buffers included) back to the test, a long task of
 * seconds in the page that is the harness's, not the app's.
 */
export async function jumpMap(
  page: Page,
  view: { center: [number, number] | readonly [number, number]; zoom: number },
): Promise<void> {
  await page.evaluate((v) => {
    window.__inspectionMap?.jumpTo({ center: [v.center[0], v.center[1]], zoom: v.zoom })
  }, view)
}

export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__mapReady === true, null, {
    timeout: readyTimeoutMs,
    polling: 100,
  })
}

/** Waits until a change has been drawn: a few frames, then map idle and the readiness flag. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(120)
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__inspectionMap
        if (!map) return resolve()
        map.once('idle', () => resolve())
        map.triggerRepaint()
      }),
  )
  await waitForMap(page)
}

export async function screenshot(page: Page, name: string): Promise<Image> {
  const png = await page.screenshot({ type: 'png' })
  await mkdir(artifacts, { recursive: true }) // whichever e2e runs first on a fresh clone
  await writeFile(path.join(artifacts, `${inAppBrowser ? 'in-app-' : ''}${name}.png`), png)
  return decodePng(png)
}
