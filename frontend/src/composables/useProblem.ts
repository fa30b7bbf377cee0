import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { fieldErrorMap, toProblem, type Problem } from '@/api/problem'

type Translate = (key: string, named?: Record<string, unknown>) => string

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
  const { t, te } = useI18n()
  const fieldErrors = ref<Record<string, string>>({})

  /** describe returns the message for err without showing it. */
  function describe(err: unknown): string {
    return describeProblem(toProblem(err), t, te)
  }

  /** report shows err as a message and records its field errors. */
  function report(err: unknown): Problem {
    const problem = toProblem(err)
    fieldErrors.value = fieldErrorMap(problem)
    ElMessage.error({ message: describeProblem(problem, t, te), grouping: true })
    return problem
  }

  function clearFieldErrors(): void {
    fieldErrors.value = {}
  }

  return { fieldErrors, describe, report, clearFieldErrors }
}
