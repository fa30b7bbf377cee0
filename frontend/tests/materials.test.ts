import { describe, expect, it } from 'vitest'
import { extensionOf, formatBytes, MATERIAL_RULES, precheckMaterial } from '@/format/materials'
import zhCN from '@/locales/zh-CN'

const MiB = 1024 * 1024

function lookup(key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], zhCN)
}

describe('extensionOf', () => {
  it('takes the last extension, lower-case, ignoring paths and leading dots', () => {
    expect(extensionOf('计划书.PDF')).toBe('.pdf')
    expect(extensionOf('plan.pdf.exe')).toBe('.exe')
    expect(extensionOf('C:\\docs\\deck.pptx')).toBe('.pptx')
    expect(extensionOf('.pdf')).toBe('')
    expect(extensionOf('README')).toBe('')
  })
})

describe('precheckMaterial', () => {
  it('accepts a PDF business plan within 20 MB', () => {
    expect(precheckMaterial('business_plan', { name: '商业计划书.pdf', size: 300 * 1024 })).toBeNull()
    expect(precheckMaterial('business_plan', { name: 'plan.PDF', size: 20 * MiB })).toBeNull()
  })

  it('rejects a business plan over 20 MB, naming both sizes', () => {
    const err = precheckMaterial('business_plan', { name: 'plan.pdf', size: 20 * MiB + 1 })
    expect(err?.key).toBe('materials.errors.tooLarge')
    expect(err?.params.max).toBe('20 MB')
  })

  it('rejects wrong and double extensions per kind', () => {
    expect(precheckMaterial('business_plan', { name: 'plan.docx', size: 10 })?.key).toBe('materials.errors.extension')
    expect(precheckMaterial('business_plan', { name: 'plan.pdf.exe', size: 10 })?.params.ext).toBe('.exe')
    expect(precheckMaterial('business_plan', { name: 'deck.pptx', size: 10 })?.key).toBe('materials.errors.extension')
    expect(precheckMaterial('video', { name: 'pitch.mov', size: 10 })?.key).toBe('materials.errors.extension')
    expect(precheckMaterial('deck', { name: 'noext', size: 10 })?.params.ext).toBe('—')
  })

  it('takes a deck as PDF or PPTX up to 50 MB', () => {
    expect(precheckMaterial('deck', { name: 'deck.pptx', size: 50 * MiB })).toBeNull()
    expect(precheckMaterial('deck', { name: 'deck.pdf', size: 1 })).toBeNull()
    expect(precheckMaterial('deck', { name: 'deck.pptx', size: 50 * MiB + 1 })?.key).toBe('materials.errors.tooLarge')
  })

  it('takes a video as MP4 up to 200 MB', () => {
    expect(precheckMaterial('video', { name: 'pitch.mp4', size: 200 * MiB })).toBeNull()
    expect(precheckMaterial('video', { name: 'pitch.mp4', size: 200 * MiB + 1 })?.key).toBe('materials.errors.tooLarge')
  })

  it('rejects an empty file', () => {
    expect(precheckMaterial('business_plan', { name: 'plan.pdf', size: 0 })?.key).toBe('materials.errors.empty')
  })

  it('has a message for every error and a hint for every kind', () => {
    for (const key of ['materials.errors.empty', 'materials.errors.extension', 'materials.errors.tooLarge']) {
      expect(typeof lookup(key), key).toBe('string')
    }
    for (const kind of Object.keys(MATERIAL_RULES)) {
      expect(typeof lookup(`materials.hints.${kind}`), kind).toBe('string')
      expect(typeof lookup(`materials.kinds.${kind}`), kind).toBe('string')
    }
  })
})

describe('formatBytes', () => {
  it('uses 1024-based units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(300 * 1024)).toBe('300 KB')
    expect(formatBytes(1.5 * MiB)).toBe('1.5 MB')
    expect(formatBytes(200 * MiB)).toBe('200 MB')
  })
})
