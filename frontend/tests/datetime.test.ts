import { describe, expect, it } from 'vitest'
import { addMonthsISO, formatDate, formatDateTime, todayISO } from '@/format/datetime'
import { sortParam } from '@/api/query'

describe('formatDateTime', () => {
  it('shows UTC instants in Asia/Shanghai (UTC+8)', () => {
    expect(formatDateTime('2024-03-01T16:30:05Z')).toBe('2024-03-02 00:30:05')
  })

  it('leaves empty and invalid values readable', () => {
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})

describe('sortParam', () => {
  it('maps Element Plus sort orders to the API', () => {
    expect(sortParam('created_at', 'descending')).toBe('-created_at')
    expect(sortParam('name', 'ascending')).toBe('name')
    expect(sortParam('name', null)).toBe('')
  })
})

describe('dates', () => {
  it('shows dates as YYYY-MM-DD, instants in Asia/Shanghai', () => {
    expect(formatDate('2024-03-01')).toBe('2024-03-01')
    expect(formatDate('2024-03-01T16:30:05Z')).toBe('2024-03-02')
    expect(formatDate(null)).toBe('')
  })

  it('takes today in Asia/Shanghai', () => {
    expect(todayISO(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01')
  })

  it('adds months, clamping to the month end', () => {
    expect(addMonthsISO('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonthsISO('2024-11-15', 24)).toBe('2026-11-15')
    expect(addMonthsISO('2024-03-31', -4)).toBe('2023-11-30')
  })
})
