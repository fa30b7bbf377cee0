import { AxiosError } from 'axios'

/** ErrorCode is the backend's stable error code; clients switch on it. */
export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'failed_precondition'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'

export interface FieldError {
  field: string
  code: string
  message: string
  /** param is the rule's parameter, e.g. "64" for max. */
  param?: string
}

/** Problem is an RFC 9457 application/problem+json body. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: ErrorCode | string
  request_id: string
  errors: FieldError[]
  /** retryAfter is the Retry-After header of a 429, in seconds. */
  retryAfter?: number
}

function statusCode(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'invalid'
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 412) return 'failed_precondition'
  if (status === 429) return 'rate_limited'
  if (status === 503 || status === 502 || status === 504) return 'unavailable'
  return 'internal'
}

function parseRetryAfter(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(String(value))
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function readFieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return []
  return v.filter(isRecord).map((e) => ({
    field: String(e.field ?? ''),
    code: String(e.code ?? ''),
    message: String(e.message ?? ''),
    ...(e.param !== undefined && e.param !== '' ? { param: String(e.param) } : {}),
  }))
}

/**
 * toProblem turns anything a request can throw into a Problem. Responses that
 * are not problem+json (a proxy's HTML error page, a network failure) get a
 * code derived from the HTTP status and an empty detail.
 */
export function toProblem(err: unknown): Problem {
  if (err instanceof AxiosError && err.response) {
    const { status, data, headers } = err.response
    const body = isRecord(data) ? data : {}
    return {
      type: String(body.type ?? 'about:blank'),
      title: String(body.title ?? ''),
      status: typeof body.status === 'number' ? body.status : status,
      detail: String(body.detail ?? ''),
      code: typeof body.code === 'string' && body.code ? body.code : statusCode(status),
      request_id: String(body.request_id ?? ''),
      errors: readFieldErrors(body.errors),
      retryAfter: parseRetryAfter(headers?.['retry-after']),
    }
  }
  return {
    type: 'about:blank',
    title: '',
    status: 0,
    detail: '',
    code: 'unavailable',
    request_id: '',
    errors: [],
  }
}

/**
 * fieldErrorMap maps each field named in a problem to its first message, for
 * showing next to form fields; localize may word it in the user's language
 * (undefined keeps the server's message). Nested names ("roles[0].domain",
 * "body.username") are kept as given and also under their last segment.
 */
export function fieldErrorMap(
  problem: Problem,
  localize?: (e: FieldError) => string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of problem.errors) {
    if (!e.field) continue
    const message = localize?.(e) || e.message || e.code
    if (!(e.field in out)) out[e.field] = message
    const last = e.field.split(/[.[\]]/).filter(Boolean).pop()
    if (last && !(last in out)) out[last] = message
  }
  return out
}
