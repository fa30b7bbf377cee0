import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { fieldErrorMap, toProblem, type FieldError, type Problem } from '@/api/problem'

type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * localizeFieldError words a field error in the UI's language from its
 * stable code and parameter; English keeps the server's own message, and
 * codes without a translation return undefined (the caller falls back to
 * the server's message).
 */
export function localizeFieldError(
  e: FieldError,
  t: Translate,
  te: (key: string) => boolean,
  locale: string,
): string | undefined {
  if (locale.startsWith('en')) return undefined
  const key = `errors.fields.${e.code}`
  return te(key) ? t(key, { param: e.param ?? '' }) : undefined
}

/**
 * describeProblem picks the text to show for a failed request: the retry
 * delay of a 429, else the server's detail, else a translated text for the
 * error code.
 */
export function describeProblem(p: Problem, t: Translate, te: (key: string) => boolean): string {
  if (p.code === 'rate_limited' && p.retryAfter !== undefined) {
    return t('errors.rateLimited', { seconds: p.retryAfter })
  }
  if (p.detail) return p.detail
  if (p.status === 0) return t('errors.network')
  const key = `errors.codes.${p.code}`
  if (te(key)) return t(key)
  return p.title || t('errors.generic')
}

/**
 * useProblem reports request failures: a message for the user and, for
 * forms, the field errors keyed by field name (bind to el-form-item :error).
 */
export function useProblem() {
  const { t, te, locale } = useI18n()
  const fieldErrors = ref<Record<string, string>>({})
  const localize = (e: FieldError) => localizeFieldError(e, t, te, String(locale.value))

  /** describe returns the message for err without showing it. */
  function describe(err: unknown): string {
    return describeProblem(toProblem(err), t, te)
  }

  /** report shows err as a message and records its field errors. */
  function report(err: unknown): Problem {
    const problem = toProblem(err)
    fieldErrors.value = fieldErrorMap(problem, localize)
    ElMessage.error({ message: describeProblem(problem, t, te), grouping: true })
    return problem
  }

  function clearFieldErrors(): void {
    fieldErrors.value = {}
  }

  return { fieldErrors, describe, report, clearFieldErrors }
}
