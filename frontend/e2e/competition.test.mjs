// Browser test of the competition portal against the real backend with demo
// data: a student creates a team of three, enters it in the demo competition,
// uploads a generated business-plan PDF with a visible progress bar,
// downloads it back, and submits (a double click sends one submission). An
// administrator then moves the registration close into the past through the
// API; on reload the student's entry is locked: editing and uploading are
// disabled and the locked notice shows.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_PASSWORD, login, newPage, startApp, withScreenshot } from './harness.mjs'

const STUDENT = 'student10'
const TEAMMATES = ['student11', 'student12'] // the demo competition needs 3–15 members
const COMPETITION = '第一届清远高新杯大学生创新创业大赛'
const PDF_NAME = '商业计划书 E2E.pdf'

let app
let dir

before(async () => {
  app = await startApp()
  dir = mkdtempSync(join(tmpdir(), 'incubator-e2e-pdf-'))
})

after(async () => {
  await app?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/**
 * writePdf writes a minimal valid PDF padded to about 300 KB inside a
 * comment, so the upload takes long enough to show its progress.
 */
function writePdf(path) {
  const head = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
  ].join('\n')
  const padding = Array.from({ length: 300 * 16 }, () => `%${'x'.repeat(62)}`).join('\n')
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n'
  const body = `${head}\n${padding}\n${tail}`
  writeFileSync(path, body)
  return Buffer.byteLength(body)
}

/** api calls the backend directly with a token. */
async function api(method, path, token, body) {
  const res = await fetch(`${app.baseURL}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text}`)
  return text ? JSON.parse(text) : null
}

/** confirmBox accepts the open Element Plus message box. */
async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor({ state: 'visible' })
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

async function expectStatus(page, status) {
  await page.locator(`[data-testid="entry-status"][data-status="${status}"]`).waitFor()
}

test('a student enters, uploads with progress, submits once, and sees the entry locked after the deadline', { timeout: 240_000 }, async () => {
  const { context, page } = await newPage(app)
  const projectName = `E2E 参赛团队 ${Date.now().toString(36)}`
  const pdfPath = join(dir, PDF_NAME)
  const pdfSize = writePdf(pdfPath)
  assert.ok(pdfSize > 300_000, 'the PDF is big enough to show progress')

  await withScreenshot('competition', page, app, async () => {
    // 1. The student creates a team and adds two teammates.
    await login(page, app.baseURL, STUDENT)
    await page.getByTestId('menu-projects').click()
    await page.waitForURL(/\/projects$/)
    await page.getByTestId('project-create').click()
    await page.getByTestId('project-form-name').fill(projectName)
    await page.getByTestId('project-form-field').click()
    await page.getByTestId('project-field-新材料').filter({ visible: true }).click()
    await page.getByTestId('project-form-description').fill('低成本可降解包装材料。')
    await page.getByTestId('project-form-submit').click()
    await page.waitForURL(/\/projects\/\d+$/)
    const projectId = Number(new URL(page.url()).pathname.split('/').pop())
    for (const mate of TEAMMATES) {
      await page.getByTestId('member-username').fill(mate)
      await page.getByTestId('member-add').click()
      await page.getByTestId('members-table').filter({ hasText: mate }).waitFor()
    }

    // 2. …opens the demo competition from the menu and enters the team.
    await page.getByTestId('menu-competitions').click()
    await page.waitForURL(/\/competitions$/)
    await page.locator('[data-testid^="competition-open-"]').filter({ hasText: COMPETITION }).click()
    await page.waitForURL(/\/competitions\/\d+/)
    const competitionId = Number(new URL(page.url()).pathname.split('/').pop())
    await page.locator('[data-testid="competition-status"][data-status="open"]').waitFor()
    await page.getByTestId('registration-countdown').filter({ hasText: '距报名截止' }).waitFor()

    await page.getByTestId('competition-enter').click()
    await page.getByTestId('entry-dialog').waitFor({ state: 'visible' })
    await page.getByTestId('entry-form-project').click()
    await page.getByTestId(`entry-project-${projectId}`).filter({ visible: true }).click()
    await page.locator('[data-testid^="entry-track-"]').filter({ hasText: '新材料' }).click()
    await page.getByTestId('entry-form-title').fill(projectName)
    await page.getByTestId('entry-form-summary').fill('以农业秸秆为原料的可降解缓冲包装。')
    await page.getByTestId('entry-form-submit').click()
    await page.waitForURL(/\/entries\/\d+$/)
    const entryId = Number(new URL(page.url()).pathname.split('/').pop())
    await expectStatus(page, 'draft')
    await page.getByTestId('entry-title').filter({ hasText: projectName }).waitFor()
    await page.getByTestId('entry-members').filter({ hasText: TEAMMATES[1] }).waitFor()
    await page.getByTestId('entry-countdown').waitFor()

    // 3. Upload the business plan: the progress bar appears and completes.
    const uploaded = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/entries/${entryId}/attachments`),
    )
    await page.getByTestId('material-input-business_plan').setInputFiles(pdfPath)
    const progress = page.getByTestId('material-progress-business_plan')
    await progress.waitFor({ state: 'visible' })
    const response = await uploaded
    assert.equal(response.status(), 201, `upload answered ${response.status()}: ${await response.text()}`)
    await page.locator('[data-testid="material-progress-business_plan"][data-state="done"][data-percent="100"]').waitFor()
    assert.equal(await progress.locator('.el-progress').getAttribute('aria-valuenow'), '100')
    const attachment = await response.json()
    assert.equal(attachment.size_bytes, pdfSize)
    await page.getByTestId('material-current-business_plan').filter({ hasText: PDF_NAME }).waitFor()

    // The download goes through the API with the token and keeps the name.
    const downloading = page.waitForEvent('download')
    await page.getByTestId(`material-download-${attachment.id}`).click()
    const download = await downloading
    assert.equal(download.suggestedFilename(), PDF_NAME)

    // 4. Submit with a double click: one submission.
    let submits = 0
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/v1/entries/${entryId}/submit`)) submits++
    })
    await page.getByTestId('entry-action-submit').dblclick()
    await confirmBox(page)
    await expectStatus(page, 'submitted')
    assert.equal(submits, 1, 'a double click sends one submission')
    assert.equal(await page.getByTestId('entry-action-submit').count(), 0, 'a submitted entry cannot be submitted again')
    assert.equal(await page.getByTestId('material-upload-business_plan').isDisabled(), false, 'still editable before the deadline')

    // 5. The organiser ends registration: the close moves into the past.
    const { access_token: token } = await api('POST', '/auth/login', null, { username: 'admin', password: DEMO_PASSWORD })
    const competition = await api('GET', `/competitions/${competitionId}`, token)
    const closesAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const moved = await api('PATCH', `/competitions/${competitionId}`, token, {
      registration_closes_at: closesAt,
      version: competition.version,
    })
    assert.equal(moved.registration_open, false)

    // 6. On reload the entry is locked: no editing, no uploads, a notice.
    await page.reload()
    await expectStatus(page, 'submitted')
    const notice = page.getByTestId('entry-locked-notice')
    await notice.waitFor({ state: 'visible' })
    assert.match(await notice.innerText(), /截止锁定/)
    assert.equal(await page.getByTestId('entry-action-update').isDisabled(), true, 'editing is disabled')
    for (const kind of ['business_plan', 'deck', 'video']) {
      assert.equal(await page.getByTestId(`material-upload-${kind}`).isDisabled(), true, `${kind} upload is disabled`)
      assert.equal(await page.getByTestId(`material-input-${kind}`).isDisabled(), true, `${kind} file input is disabled`)
    }
    assert.equal(await page.getByTestId('entry-countdown').count(), 0, 'no countdown once locked')
  })

  await context.close()
})
