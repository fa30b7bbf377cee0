import { describe, expect, it } from 'vitest'
import { filenameFromDisposition } from '@/api/download'

describe('filenameFromDisposition', () => {
  it('prefers filename* (UTF-8, percent-encoded) over the ASCII fallback', () => {
    const header = `attachment; filename="business-plan.pdf"; filename*=UTF-8''%E5%95%86%E4%B8%9A%E8%AE%A1%E5%88%92%E4%B9%A6.pdf`
    expect(filenameFromDisposition(header, 'x')).toBe('商业计划书.pdf')
  })

  it('reads filename* whatever the order, charset case or language tag', () => {
    expect(filenameFromDisposition(`attachment; filename*=utf-8'zh'%E6%8A%A5%E5%90%8D.xlsx; filename="a.xlsx"`, 'x')).toBe('报名.xlsx')
  })

  it('falls back to the quoted filename, unescaping quotes', () => {
    expect(filenameFromDisposition('attachment; filename="entries \\"2026\\".xlsx"', 'x')).toBe('entries 2026.xlsx')
    expect(filenameFromDisposition('attachment; filename="plan; v2.pdf"', 'x')).toBe('plan; v2.pdf')
  })

  it('reads an unquoted filename token', () => {
    expect(filenameFromDisposition('attachment; filename=entries.xlsx', 'x')).toBe('entries.xlsx')
  })

  it('uses the fallback name without a header or a name', () => {
    expect(filenameFromDisposition(undefined, 'entries-1.xlsx')).toBe('entries-1.xlsx')
    expect(filenameFromDisposition('attachment', 'entries-1.xlsx')).toBe('entries-1.xlsx')
  })

  it('falls back when filename* is malformed', () => {
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E5%95; filename="plan.pdf"`, 'x')).toBe('plan.pdf')
  })

  it('never returns a path or control characters', () => {
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`, 'x')).toBe('passwd')
    expect(filenameFromDisposition('attachment; filename="a\\\\b.pdf"', 'x')).toBe('b.pdf')
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''plan%0A.pdf`, 'x')).toBe('plan.pdf')
  })
})
