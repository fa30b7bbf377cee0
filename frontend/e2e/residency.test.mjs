// Browser test of the residency workflow against the real backend with demo
// data: a student creates a team and applies for residency at base 2; the
// base's manager reviews, approves and admits it with one hand-picked free
// workstation, the agreement starting months ago; the student then sees the
// base and the workstation at home and files the first due progress report.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { login, logout, newPage, startApp, withScreenshot } from './harness.mjs'

const STUDENT = 'student03' // a plain member of a resident GDPT team, leads nothing
const MANAGER = 'manager_gdpt' // base_manager of base 2
const BASE_ID = 2
const BASE_NAME = '广东工程职业技术学院校内基地'

/** isoDate formats a UTC date as YYYY-MM-DD. */
function isoDate(d) {
  return d.toISOString().slice(0, 10)
}

// The agreement starts on the first day of the month four months ago, so
// several monthly periods have ended and the first one can be filed at once.
const now = new Date()
const START = isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 4, 1)))
const END = isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 8, 0)))

let app

before(async () => {
  app = await startApp()
})

after(async () => {
  await app?.stop()
})

/** fillDate types a date into an Element Plus date picker and commits it. */
async function fillDate(page, testid, value) {
  const input = page.getByTestId(testid).locator('input')
  await input.fill(value)
  await input.press('Enter')
  assert.equal(await input.inputValue(), value)
}

/** confirmBox accepts the open Element Plus message box. */
async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor({ state: 'visible' })
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

async function expectStatus(page, status) {
  await page.locator(`[data-testid="application-status"][data-status="${status}"]`).waitFor()
}

test('a student applies, the manager admits with a workstation, the student files a report', { timeout: 240_000 }, async () => {
  const { context, page } = await newPage(app)
  const projectName = `E2E 智慧农业 ${Date.now().toString(36)}`

  await withScreenshot('residency', page, app, async () => {
    // 1. The student creates a team (they become its leader).
    await login(page, app.baseURL, STUDENT)
    await page.getByTestId('menu-projects').click()
    await page.waitForURL(/\/projects$/)
    await page.getByTestId('project-create').click()
    await page.getByTestId('project-form-name').fill(projectName)
    await page.getByTestId('project-form-field').click()
    await page.getByTestId('project-field-智能制造').filter({ visible: true }).click()
    await page.getByTestId('project-form-description').fill('用物联网传感器管理校园试验田。')
    await page.getByTestId('project-form-submit').click()
    await page.waitForURL(/\/projects\/\d+$/)
    await page.getByTestId('project-name').filter({ hasText: projectName }).waitFor()

    // 2. …applies for residency at base 2 and submits.
    await page.getByTestId('project-apply').click()
    await page.getByTestId('application-dialog').waitFor({ state: 'visible' })
    await page.getByTestId('application-form-base').click()
    await page.getByTestId(`base-option-${BASE_ID}`).filter({ visible: true }).click()
    await page.getByTestId('application-form-plan').fill('两名成员常驻，需要一个工位开展原型开发。')
    await page.getByTestId('application-form-submit').click()
    await page.waitForURL(/\/residency-applications\/\d+$/)
    const applicationId = Number(new URL(page.url()).pathname.split('/').pop())
    await expectStatus(page, 'draft')
    await page.getByTestId('app-action-submit').click()
    await confirmBox(page)
    await expectStatus(page, 'submitted')
    assert.equal(await page.getByTestId('app-action-submit').count(), 0, 'a submitted application cannot be submitted again')

    // 3. The manager finds it in the inbox, reviews, approves and admits it.
    await logout(page)
    await login(page, app.baseURL, MANAGER)
    await page.getByTestId('menu-applications').click()
    await page.waitForURL(/\/residency-applications$/)
    await page.getByTestId(`application-open-${applicationId}`).click()
    await page.waitForURL(new RegExp(`/residency-applications/${applicationId}$`))

    await page.getByTestId('app-action-review').click()
    await page.getByTestId('review-form-score').locator('input').fill('86')
    await page.getByTestId('review-form-comment').fill('团队分工清晰，计划可行。')
    await page.getByTestId('review-form-submit').click()
    await expectStatus(page, 'reviewing')
    await page.getByTestId('reviews-table').filter({ hasText: '86' }).waitFor()

    await page.getByTestId('app-action-approve').click()
    await page.getByTestId('note-form-note').fill('同意入驻。')
    await page.getByTestId('note-form-submit').click()
    await expectStatus(page, 'approved')

    await page.getByTestId('app-action-admit').click()
    await page.getByTestId('admit-dialog').waitFor({ state: 'visible' })
    await fillDate(page, 'admit-form-start', START)
    await fillDate(page, 'admit-form-end', END)
    await page.getByTestId('admit-cadence-monthly').click()
    await page.getByTestId('admit-mode-pick').click()
    const firstFree = page.locator('[data-testid^="admit-ws-"]').first()
    await firstFree.waitFor()
    const code = (await firstFree.innerText()).trim()
    assert.ok(code, 'the free workstation shows its code')
    await firstFree.click()
    await page.getByTestId('admit-form-submit').click()
    await expectStatus(page, 'admitted')

    // 4. The student sees the base and the workstation at home…
    await logout(page)
    await login(page, app.baseURL, STUDENT)
    const home = page.getByTestId('student-home')
    await home.getByTestId('home-residency-base').filter({ hasText: BASE_NAME }).first().waitFor()
    await home.getByTestId('home-residency-workstations').filter({ hasText: code }).waitFor()

    // 5. …and files the first due report, amounts in yuan.
    const fileButton = home
      .locator('[data-testid^="home-resident-"]')
      .filter({ has: page.getByTestId('home-residency-workstations').filter({ hasText: code }) })
      .getByTestId('home-file-report')
    await fileButton.click()
    await page.getByTestId('report-dialog').waitFor({ state: 'visible' })
    await page.getByTestId('report-form-revenue').locator('input').fill('12345.67')
    await page.getByTestId('report-form-employees').locator('input').fill('3')
    await page.getByTestId('report-form-narrative').fill('完成原型两轮迭代，签下首个试点客户。')
    const filed = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/v1\/residencies\/\d+\/reports$/.test(r.url()),
    )
    await page.getByTestId('report-form-submit').click()
    const response = await filed
    assert.ok(response.ok(), `filing answered ${response.status()}: ${await response.text()}`)
    const sent = response.request().postDataJSON()
    assert.equal(sent.revenue_fen, 1234567, 'yuan are sent as fen')

    assert.equal(sent.period_start ?? START, START, 'the earliest due period is filed')

    // The residency page's timeline shows the first period as submitted
    // (late, as its due date passed before the admission was recorded).
    await page.waitForURL(/\/residencies\/\d+$/)
    await page.getByTestId('residency-workstations').filter({ hasText: code }).waitFor()
    const status = page.locator(`[data-testid="report-status-${START}"][data-status="submitted"]`)
    await status.waitFor()
    assert.match(await status.innerText(), /提交/)
  })

  await context.close()
})
