// Browser test: an administrator creates a user and gives them the
// college_viewer role; that user then sees only what the role grants.
//
// It starts the real backend binary (INCUBATOR_BIN, default ../bin/incubator
// relative to frontend/) on a free port with a fresh SQLite database in demo
// mode, so the frontend it serves is the one embedded at build time: build the
// frontend before the binary. Chromium: CHROMIUM_PATH or /usr/bin/chromium.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as delay } from 'node:timers/promises'
import { chromium } from 'playwright-core'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const artifactsDir = join(frontendDir, 'e2e', 'artifacts')
const binary = process.env.INCUBATOR_BIN
  ? resolve(process.env.INCUBATOR_BIN)
  : resolve(frontendDir, '../bin/incubator')

const ADMIN = { username: 'admin', password: 'Demo@2024' }
const NEW_PASSWORD = 'E2e@Passw0rd!'
const READY_TRIES = 150 // × 200 ms between polls: at most ~30 s to get ready

let server
let serverLog = ''
let baseURL
let dataDir
let browser

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

/** waitReady polls GET /readyz until it answers 200 or the tries run out. */
async function waitReady(url) {
  for (let i = 0; i < READY_TRIES; i++) {
    if (server.exitCode !== null) throw new Error(`backend exited with ${server.exitCode}:\n${serverLog}`)
    try {
      const res = await fetch(`${url}/readyz`)
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await delay(200) // poll interval, not synchronization: the loop waits on /readyz
  }
  throw new Error(`backend not ready after ${READY_TRIES} tries:\n${serverLog}`)
}

before(async () => {
  assert.ok(existsSync(binary), `backend binary not found at ${binary} (set INCUBATOR_BIN)`)
  dataDir = mkdtempSync(join(tmpdir(), 'incubator-e2e-'))
  const port = await freePort()
  baseURL = `http://127.0.0.1:${port}`
  server = spawn(binary, ['serve'], {
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
  await waitReady(baseURL)

  browser = await chromium.launch({
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
})

after(async () => {
  await browser?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r))
    server.kill('SIGTERM')
    await Promise.race([exited, delay(10_000).then(() => server.kill('SIGKILL'))])
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

/** withScreenshot runs a scenario and keeps a full-page screenshot if it fails. */
async function withScreenshot(name, page, scenario) {
  try {
    await scenario()
  } catch (err) {
    mkdirSync(artifactsDir, { recursive: true })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    await page
      .screenshot({ path: join(artifactsDir, `${name}-${stamp}.png`), fullPage: true })
      .catch((e) => console.error('screenshot failed:', e))
    writeFileSync(join(artifactsDir, `${name}-${stamp}.server.log`), serverLog)
    throw err
  }
}

async function login(page, username, password) {
  await page.goto(`${baseURL}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('menu-home').waitFor({ state: 'visible' })
}

async function logout(page) {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await page.waitForURL(/\/login/)
  await page.getByTestId('login-username').waitFor({ state: 'visible' })
}

test('admin gives a new user the college_viewer role; the user sees only colleges', { timeout: 180_000 }, async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  const username = `e2e_${Date.now().toString(36)}`

  await withScreenshot('admin-roles', page, async () => {
    // 1. The administrator logs in and creates the user.
    await login(page, ADMIN.username, ADMIN.password)
    await page.getByTestId('menu-users').click()
    await page.waitForURL(/\/users$/)
    await page.getByTestId('user-create').click()
    await page.getByTestId('user-form-username').fill(username)
    await page.getByTestId('user-form-password').fill(NEW_PASSWORD)
    await page.getByTestId('user-form-name').fill('E2E 联络人')
    await page.getByTestId('user-form-submit').click()
    await page.getByTestId('user-form-username').waitFor({ state: 'hidden' })

    // 2. Find the user and give them college_viewer in the global domain.
    await page.getByTestId('users-search').fill(username)
    await page.getByTestId('users-search').press('Enter')
    await page.getByTestId(`user-roles-${username}`).click()
    await page.getByTestId('roles-add').click()
    await page.getByTestId('roles-row-role-0').click()
    await page.getByTestId('roles-option-college_viewer').filter({ visible: true }).click()
    await page.getByTestId('roles-row-domain-0').fill('*')
    await page.getByTestId('roles-save').click()
    await page.getByTestId('roles-save').waitFor({ state: 'hidden' })
    await page.getByTestId(`user-role-tags-${username}`).filter({ hasText: '院校联络人' }).waitFor()

    // 3. The new user logs in and sees only what the role grants.
    await logout(page)
    await login(page, username, NEW_PASSWORD)
    await page.getByTestId('menu-colleges').waitFor({ state: 'visible' })
    assert.equal(await page.getByTestId('menu-users').count(), 0, 'Users menu must be hidden')
    assert.equal(await page.getByTestId('menu-audit').count(), 0, 'Audit log menu must be hidden')
    assert.equal(await page.getByTestId('menu-rbac').count(), 0, 'Permissions menu must be hidden')

    // 4. Going to a page the role does not grant shows the 403 page.
    await page.goto(`${baseURL}/users`)
    await page.getByTestId('page-403').waitFor({ state: 'visible' })
    assert.equal(await page.getByTestId('menu-users').count(), 0)
  })

  await context.close()
})
