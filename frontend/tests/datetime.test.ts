import { describe, expect, it } from 'vitest'
import { addMonthsISO, formatDate, formatDateTime, fromShanghaiInput, todayISO, toShanghaiInput } from '@/format/datetime'
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

describe('Asia/Shanghai picker values', () => {
  it('sends a picked wall-clock time as RFC 3339 UTC', () => {
    expect(fromShanghaiInput('2026-12-01 08:00:00')).toBe('2026-12-01T00:00:00Z')
    expect(fromShanghaiInput('2026-01-01 00:30')).toBe('2025-12-31T16:30:00Z')
  })

  it('shows a UTC instant as Shanghai wall-clock time', () => {
    expect(toShanghaiInput('2026-12-01T00:00:00Z')).toBe('2026-12-01 08:00:00')
    expect(toShanghaiInput(null)).toBe('')
  })

  it('round-trips, and gives null for empty or unreadable input', () => {
    expect(fromShanghaiInput(toShanghaiInput('2026-03-15T23:59:59Z'))).toBe('2026-03-15T23:59:59Z')
    expect(fromShanghaiInput('')).toBeNull()
    expect(fromShanghaiInput('tomorrow')).toBeNull()
  })
})
