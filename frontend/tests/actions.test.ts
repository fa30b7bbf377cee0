import { describe, expect, it } from 'vitest'
import { applicationButtons, competitionButtons, entryButtons, residencyButtons } from '@/access/actions'
import zhCN from '@/locales/zh-CN'

function lookup(key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], zhCN)
}

describe('applicationButtons', () => {
  it('shows nothing when the server allows nothing', () => {
    expect(applicationButtons([])).toEqual([])
    expect(applicationButtons(null)).toEqual([])
  })

  it('gives a student edit and submit on a draft', () => {
    const buttons = applicationButtons(['submit', 'update'])
    expect(buttons.map((b) => b.action)).toEqual(['update', 'submit'])
    expect(buttons.map((b) => b.dialog)).toEqual(['edit', 'confirm'])
  })

  it('gives a manager the review moves in a fixed order, notes required to return and reject', () => {
    const buttons = applicationButtons(['reject', 'approve', 'review', 'return'])
    expect(buttons.map((b) => b.action)).toEqual(['review', 'approve', 'return', 'reject'])
    expect(buttons.find((b) => b.action === 'review')?.dialog).toBe('review')
    expect(buttons.filter((b) => b.noteRequired).map((b) => b.action)).toEqual(['return', 'reject'])
    expect(buttons.find((b) => b.action === 'approve')?.noteRequired).toBeFalsy()
  })

  it('opens the admit dialog for admit', () => {
    expect(applicationButtons(['admit'])).toMatchObject([{ action: 'admit', dialog: 'admit', type: 'success' }])
  })

  it('accepts "edit" as a spelling of update and ignores unknown actions', () => {
    expect(applicationButtons(['edit', 'teleport']).map((b) => b.action)).toEqual(['update'])
  })

  it('labels every button with an existing message', () => {
    const all = applicationButtons(['update', 'submit', 'review', 'approve', 'return', 'reject', 'admit'])
    expect(all).toHaveLength(7)
    for (const b of [...all, ...residencyButtons(['report', 'exit'])]) {
      expect(typeof lookup(b.labelKey), b.labelKey).toBe('string')
    }
  })
})

describe('residencyButtons', () => {
  it('maps exit and report', () => {
    expect(residencyButtons(['exit']).map((b) => b.dialog)).toEqual(['exit'])
    expect(residencyButtons(['file_report', 'exit']).map((b) => b.action)).toEqual(['report', 'exit'])
  })
})

describe('competitionButtons', () => {
  it('orders edit, open, close registration, finish and confirms every move', () => {
    const buttons = competitionButtons(['finish', 'close_registration', 'open', 'update'])
    expect(buttons.map((b) => b.action)).toEqual(['update', 'open', 'close_registration', 'finish'])
    expect(buttons.map((b) => b.dialog)).toEqual(['edit', 'confirm', 'confirm', 'confirm'])
    for (const b of buttons.filter((x) => x.dialog === 'confirm')) {
      expect(typeof lookup(b.confirmKey!), b.confirmKey).toBe('string')
    }
  })

  it('shows a student nothing and ignores publish-results (the judging issue)', () => {
    expect(competitionButtons([])).toEqual([])
    expect(competitionButtons(['publish_results']).map((b) => b.action)).toEqual([])
  })

  it('accepts the route spelling close-registration', () => {
    expect(competitionButtons(['close-registration']).map((b) => b.action)).toEqual(['close_registration'])
  })

  it('labels every button with an existing message', () => {
    for (const b of competitionButtons(['update', 'open', 'close_registration', 'finish'])) {
      expect(typeof lookup(b.labelKey), b.labelKey).toBe('string')
    }
  })
})

describe('entryButtons', () => {
  it('gives the team edit, submit and withdraw on a draft, in a fixed order', () => {
    expect(entryButtons(['withdraw', 'submit', 'update']).map((b) => b.action)).toEqual(['update', 'submit', 'withdraw'])
  })

  it('gives organisers qualify, disqualify with a required reason, and the admin extension', () => {
    const buttons = entryButtons(['extend', 'disqualify', 'qualify'])
    expect(buttons.map((b) => b.action)).toEqual(['qualify', 'disqualify', 'extend'])
    expect(buttons.find((b) => b.action === 'disqualify')).toMatchObject({ dialog: 'reason', noteRequired: true, type: 'danger' })
    expect(buttons.find((b) => b.action === 'extend')?.dialog).toBe('extension')
  })

  it('accepts "extension" as a spelling of extend and ignores unknown actions', () => {
    expect(entryButtons(['extension', 'score']).map((b) => b.action)).toEqual(['extend'])
  })

  it('shows nothing on a locked entry whose server allows nothing', () => {
    expect(entryButtons([])).toEqual([])
    expect(entryButtons(undefined)).toEqual([])
  })

  it('labels and confirms with existing messages', () => {
    for (const b of entryButtons(['update', 'submit', 'qualify', 'disqualify', 'extend', 'withdraw'])) {
      expect(typeof lookup(b.labelKey), b.labelKey).toBe('string')
      if (b.dialog === 'confirm') expect(typeof lookup(b.confirmKey!), b.confirmKey).toBe('string')
    }
  })
})
