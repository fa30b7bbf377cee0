import { describe, expect, it } from 'vitest'
import { applicationButtons, residencyButtons } from '@/access/actions'
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
