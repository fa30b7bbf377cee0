import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { formatCountdown, remaining } from '@/format/countdown'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key))

const NOW = Date.parse('2026-11-22T08:00:00Z')

describe('remaining', () => {
  it('splits the time left into days, hours, minutes and seconds', () => {
    const r = remaining('2026-11-25T12:34:56Z', NOW)
    expect(r).toEqual({ past: false, days: 3, hours: 4, minutes: 34, seconds: 56 })
  })

  it('is past exactly at the deadline and after it', () => {
    expect(remaining('2026-11-22T08:00:00Z', NOW).past).toBe(true)
    expect(remaining('2026-11-22T07:59:59Z', NOW)).toEqual({ past: true, days: 0, hours: 0, minutes: 0, seconds: 0 })
  })

  it('counts a part-second as a second, so it never shows 0 before the deadline', () => {
    expect(remaining(NOW + 400, NOW)).toMatchObject({ past: false, seconds: 1 })
    expect(remaining(NOW + 1000, NOW)).toMatchObject({ past: false, seconds: 1 })
  })

  it('treats an unreadable deadline as past', () => {
    expect(remaining('not a time', NOW).past).toBe(true)
  })
})

describe('formatCountdown', () => {
  it('shows days and a clock in Chinese by default', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(formatCountdown(remaining('2026-11-25T12:34:56Z', NOW), t)).toBe('3 天 04:34:56')
  })

  it('shows only the clock under a day, padded', () => {
    expect(formatCountdown(remaining(NOW + 65_000, NOW), t)).toBe('00:01:05')
  })

  it('says ended once past, and speaks English', () => {
    expect(formatCountdown(remaining(NOW - 1, NOW), t)).toBe('已截止')
    i18n.global.locale.value = 'en'
    expect(formatCountdown(remaining(NOW - 1, NOW), t)).toBe('Ended')
    expect(formatCountdown(remaining(NOW + 86_400_000 + 1000, NOW), t)).toBe('1 d 00:00:01')
    i18n.global.locale.value = 'zh-CN'
  })
})
