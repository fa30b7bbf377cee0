import { describe, expect, it } from 'vitest'
import { fenToYuan, formatYuan, yuanToFen } from '@/format/money'

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [500_000_000, '5,000,000.00'],
    [-1050, '-10.50'],
  ])('shows %i fen as %s yuan', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })

  it('leaves missing values empty', () => {
    expect(formatYuan(null)).toBe('')
    expect(formatYuan(undefined)).toBe('')
    expect(formatYuan(Number.NaN)).toBe('')
  })
})

describe('yuanToFen', () => {
  it.each([
    ['12.3', 1230],
    ['12.30', 1230],
    ['0.07', 7],
    ['1,000', 100000],
    [' 5000000 ', 500000000],
    ['-2.5', -250],
  ])('parses the string %s exactly as %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen)
  })

  it('has no floating-point drift on numbers with 2 decimals', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(19.99)).toBe(1999)
    expect(yuanToFen(1.15)).toBe(115)
    expect(yuanToFen(123456.78)).toBe(12345678)
  })

  it('refuses more than 2 decimals and non-numbers', () => {
    expect(yuanToFen('1.234')).toBeNull()
    expect(yuanToFen(1.234)).toBeNull()
    expect(yuanToFen('abc')).toBeNull()
    expect(yuanToFen('')).toBeNull()
    expect(yuanToFen(Number.POSITIVE_INFINITY)).toBeNull()
    expect(yuanToFen(null)).toBeNull()
  })

  it('round-trips with fenToYuan and formatYuan', () => {
    for (const fen of [0, 1, 10, 199, 100001, 987654321]) {
      expect(yuanToFen(fenToYuan(fen))).toBe(fen)
      expect(yuanToFen(formatYuan(fen))).toBe(fen)
    }
  })
})
