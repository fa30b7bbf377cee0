import { describe, expect, it } from 'vitest'
import { formatDateTime } from '@/format/datetime'
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
