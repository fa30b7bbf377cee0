// Shared browser-test harness: starts the real backend binary (INCUBATOR_BIN,
// default ../bin/incubator relative to frontend/) on a free port with a fresh
// SQLite database in demo mode, so the frontend it serves is the one embedded
// at build time: build the frontend before the binary. Chromium: CHROMIUM_PATH
// or /usr/bin/chromium.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as delay } from 'node:timers/promises'
import { chromium } from 'playwright-core'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const artifactsDir = join(frontendDir, 'e2e', 'artifacts')
const binary = process.env.INCUBATOR_BIN ? resolve(process.env.INCUBATOR_BIN) : resolve(frontendDir, '../bin/incubator')

/** DEMO_PASSWORD is the password of every demo account. */
export const DEMO_PASSWORD = 'Demo@2024'
const READY_TRIES = 150 // × 200 ms between polls: at most ~30 s to get ready

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolvePort(port))
    })
  })
}

/**
 * startApp starts the backend and Chromium. The returned object has baseURL,
 * browser, log() (the server output so far) and stop().
 */
export async function startApp() {
  assert.ok(existsSync(binary), `backend binary not found at ${binary} (set INCUBATOR_BIN)`)
  const dataDir = mkdtempSync(join(tmpdir(), 'incubator-e2e-'))
  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  let serverLog = ''
  const server = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      INCUBATOR_HTTP_ADDR: `127.0.0.1:${port}`,
      INCUBATOR_MODE: 'development',
      INCUBATOR_DB_DRIVER: 'sqlite',
      INCUBATOR_DB_DSN: join(dataDir, 'e2e.db'),
      INCUBATOR_DATA_DIR: dataDir,
      INCUBATOR_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout.on('data', (b) => (serverLog += b))
  server.stderr.on('data', (b) => (serverLog += b))

  async function stop(browser) {
    await browser?.close()
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r))
      server.kill('SIGTERM')
      await Promise.race([exited, delay(10_000).then(() => server.kill('SIGKILL'))])
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    // Poll GET /readyz until it answers 200 or the tries run out.
    let ready = false
    for (let i = 0; i < READY_TRIES && !ready; i++) {
      if (server.exitCode !== null) throw new Error(`backend exited with ${server.exitCode}:\n${serverLog}`)
      try {
        ready = (await fetch(`${baseURL}/readyz`)).status === 200
      } catch {
        // not listening yet
      }
      if (!ready) await delay(200) // poll interval, not synchronization: the loop waits on /readyz
    }
    if (!ready) throw new Error(`backend not ready after ${READY_TRIES} tries:\n${serverLog}`)
  } catch (err) {
    await stop()
    throw err
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

  return { baseURL, browser, log: () => serverLog, stop: () => stop(browser) }
}

/** newPage opens a Chinese-locale page with a 20 s default timeout. */
export async function newPage(app) {
  const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  return { context, page }
}

/** withScreenshot runs a scenario and keeps a full-page screenshot and the server log if it fails. */
export async function withScreenshot(name, page, app, scenario) {
  try {
    await scenario()
  } catch (err) {
    mkdirSync(artifactsDir, { recursive: true })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    await page
      .screenshot({ path: join(artifactsDir, `${name}-${stamp}.png`), fullPage: true })
      .catch((e) => console.error('screenshot failed:', e))
    writeFileSync(join(artifactsDir, `${name}-${stamp}.server.log`), app.log())
    throw err
  }
}

export async function login(page, baseURL, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseURL}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('menu-home').waitFor({ state: 'visible' })
}

export async function logout(page) {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await page.waitForURL(/\/login/)
  await page.getByTestId('login-username').waitFor({ state: 'visible' })
}
