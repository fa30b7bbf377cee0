import { describe, expect, it } from 'vitest'
import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { fieldErrorMap, toProblem } from '@/api/problem'
import { describeProblem } from '@/composables/useProblem'
import zhCN from '@/locales/zh-CN'

function failure(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig
  const response = { status, statusText: '', data, headers, config } as AxiosResponse
  return new AxiosError('Request failed', AxiosError.ERR_BAD_REQUEST, config, null, response)
}

// A tiny stand-in for vue-i18n's t/te over the zh-CN messages.
function lookup(key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], zhCN)
}
const t = (key: string, named: Record<string, unknown> = {}) =>
  String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(named[k]))
const te = (key: string) => typeof lookup(key) === 'string'

describe('toProblem', () => {
  it('reads a problem+json body with field errors', () => {
    const p = toProblem(
      failure(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: '用户名已存在',
        code: 'invalid',
        request_id: 'req-1',
        errors: [
          { field: 'username', code: 'taken', message: '用户名已被占用' },
          { field: 'password', code: 'too_short', message: '密码至少 8 位' },
          { field: 'password', code: 'weak', message: '密码太简单' },
        ],
      }),
    )
    expect(p.code).toBe('invalid')
    expect(p.detail).toBe('用户名已存在')
    expect(p.request_id).toBe('req-1')
    expect(fieldErrorMap(p)).toEqual({ username: '用户名已被占用', password: '密码至少 8 位' })
  })

  it('keeps nested field names and their last segment', () => {
    const p = toProblem(failure(400, { code: 'invalid', errors: [{ field: 'roles[1].domain', code: 'bad', message: 'x' }] }))
    expect(fieldErrorMap(p)).toEqual({ 'roles[1].domain': 'x', domain: 'x' })
  })

  it('derives a code from the status when the body is not problem+json', () => {
    const p = toProblem(failure(503, '<html>bad gateway</html>'))
    expect(p.code).toBe('unavailable')
    expect(p.errors).toEqual([])
  })

  it('reads Retry-After of a 429', () => {
    const p = toProblem(failure(429, { code: 'rate_limited', detail: 'slow down' }, { 'retry-after': '17' }))
    expect(p.retryAfter).toBe(17)
    expect(describeProblem(p, t, te)).toBe('请求过于频繁，请在 17 秒后重试')
  })

  it('treats a request without a response as unavailable', () => {
    const p = toProblem(new AxiosError('Network Error', AxiosError.ERR_NETWORK))
    expect(p.status).toBe(0)
    expect(describeProblem(p, t, te)).toBe(zhCN.errors.network)
  })
})

describe('describeProblem', () => {
  it('prefers the server detail', () => {
    expect(describeProblem(toProblem(failure(409, { code: 'conflict', detail: '版本冲突' })), t, te)).toBe('版本冲突')
  })

  it('falls back to the translated code', () => {
    expect(describeProblem(toProblem(failure(409, { code: 'conflict' })), t, te)).toBe(zhCN.errors.codes.conflict)
  })
})

describe('localized field errors', () => {
  it('words known codes in Chinese with their parameter and keeps the server text otherwise', async () => {
    const { localizeFieldError } = await import('@/composables/useProblem')
    const p = toProblem(
      failure(400, {
        code: 'invalid',
        errors: [
          { field: 'name', code: 'max', message: 'must be at most 64 characters', param: '64' },
          { field: 'plan', code: 'something_new', message: 'server wording' },
        ],
      }),
    )
    expect(p.errors[0].param).toBe('64')
    const zh = (e: (typeof p.errors)[number]) => localizeFieldError(e, t, te, 'zh-CN')
    expect(fieldErrorMap(p, zh)).toEqual({ name: '不能超过 64', plan: 'server wording' })
    const en = (e: (typeof p.errors)[number]) => localizeFieldError(e, t, te, 'en')
    expect(fieldErrorMap(p, en)).toEqual({ name: 'must be at most 64 characters', plan: 'server wording' })
  })
})
