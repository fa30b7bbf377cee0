// Browser test: an administrator creates a user and gives them the
// college_viewer role; that user then sees only what the role grants.
// The harness (harness.mjs) starts the real backend with demo data.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, login, logout, newPage, startApp, withScreenshot } from './harness.mjs'

const NEW_PASSWORD = 'E2e@Passw0rd!'

let app

before(async () => {
  app = await startApp()
})

after(async () => {
  await app?.stop()
})

test('admin gives a new user the college_viewer role; the user sees only colleges', { timeout: 180_000 }, async () => {
  const { context, page } = await newPage(app)
  const username = `e2e_${Date.now().toString(36)}`

  await withScreenshot('admin-roles', page, app, async () => {
    // 1. The administrator logs in and creates the user.
    await login(page, app.baseURL, 'admin', DEMO_PASSWORD)
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
    await login(page, app.baseURL, username, NEW_PASSWORD)
    await page.getByTestId('menu-colleges').waitFor({ state: 'visible' })
    assert.equal(await page.getByTestId('menu-users').count(), 0, 'Users menu must be hidden')
    assert.equal(await page.getByTestId('menu-audit').count(), 0, 'Audit log menu must be hidden')
    assert.equal(await page.getByTestId('menu-rbac').count(), 0, 'Permissions menu must be hidden')

    // 4. Going to a page the role does not grant shows the 403 page.
    await page.goto(`${app.baseURL}/users`)
    await page.getByTestId('page-403').waitFor({ state: 'visible' })
    assert.equal(await page.getByTestId('menu-users').count(), 0)
  })

  await context.close()
})
