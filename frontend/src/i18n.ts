import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN'
import en from './locales/en'

export type Locale = 'zh-CN' | 'en'

export const LOCALES: readonly Locale[] = ['zh-CN', 'en']

const STORAGE_KEY = 'incubator.locale'

/** storedLocale reads the persisted choice; Simplified Chinese by default. */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** currentLocale is the active UI locale (also sent as Accept-Language). */
export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

/** setLocale switches the UI language and remembers it. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // storage may be unavailable (private mode); the switch still applies
  }
  document.documentElement.lang = locale
}
