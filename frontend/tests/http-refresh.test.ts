import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios'
import { bindSession, http } from '@/api/http'
import { listUsers } from '@/api/users'
import { useAuthStore } from '@/stores/auth'
import { me, tokenPair } from './fixtures'

/** respond builds what a real adapter returns: a response, or an AxiosError for >= 400. */
function respond(config: InternalAxiosRequestConfig, status: number, data: unknown): Promise<AxiosResponse> {
  const response: AxiosResponse = { status, statusText: String(status), data, headers: new AxiosHeaders(), config }
  if (status >= 400) {
    return Promise.reject(new AxiosError(`status ${status}`, AxiosError.ERR_BAD_REQUEST, config, null, response))
  }
  return Promise.resolve(response)
}

const emptyPage = { items: [], total: 0, page: 1, page_size: 20 }
const unauthenticated = { status: 401, code: 'unauthenticated', detail: 'token expired', errors: [] }

interface Call {
  url: string
  authorization: string | undefined
  language: string | undefined
}

function setup() {
  const auth = useAuthStore()
  auth.setSession(tokenPair('old-access', 'old-refresh'))
  auth.me = me([{ method: 'GET', path: '/api/v1/users' }])
  const expire = vi.fn(() => auth.clear())
  bindSession({
    accessToken: () => auth.accessToken,
    refresh: () => auth.refresh(),
    expire,
    locale: () => 'en',
  })
  return { auth, expire }
}

describe('http client session handling', () => {
  const originalAdapter = http.defaults.adapter
  let calls: Call[]

  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    calls = []
  })

  afterEach(() => {
    http.defaults.adapter = originalAdapter
    useAuthStore().clear()
  })

  function record(config: InternalAxiosRequestConfig): void {
    calls.push({
      url: config.url ?? '',
      authorization: config.headers.get('Authorization') as string | undefined,
      language: config.headers.get('Accept-Language') as string | undefined,
    })
  }

  it('shares one refresh between concurrent 401s and retries both requests', async () => {
    const { auth, expire } = setup()
    let rejected = 0
    let releaseRefresh!: () => void
    const bothRejected = new Promise<void>((resolve) => (releaseRefresh = resolve))

    const adapter: AxiosAdapter = async (config) => {
      record(config)
      if (config.url === '/auth/refresh') {
        expect(JSON.parse(config.data as string)).toEqual({ refresh_token: 'old-refresh' })
        await bothRejected // hold the refresh until both requests have failed
        return respond(config, 200, tokenPair('new-access', 'new-refresh'))
      }
      if (config.headers.get('Authorization') !== 'Bearer new-access') {
        if (++rejected === 2) releaseRefresh()
        return respond(config, 401, unauthenticated)
      }
      return respond(config, 200, { ...emptyPage, total: calls.length })
    }
    http.defaults.adapter = adapter

    const [a, b] = await Promise.all([listUsers({ page: 1 }), listUsers({ page: 2 })])

    expect(calls.filter((c) => c.url === '/auth/refresh')).toHaveLength(1)
    const userCalls = calls.filter((c) => c.url === '/users')
    expect(userCalls.map((c) => c.authorization)).toEqual([
      'Bearer old-access',
      'Bearer old-access',
      'Bearer new-access',
      'Bearer new-access',
    ])
    expect(a.items).toEqual([])
    expect(b.items).toEqual([])
    expect(auth.accessToken).toBe('new-access')
    expect(auth.refreshToken).toBe('new-refresh')
    expect(localStorage.getItem('incubator.refresh_token')).toBe('new-refresh')
    expect(expire).not.toHaveBeenCalled()
  })

  it('ends the session once when the refresh token is rejected', async () => {
    const { auth, expire } = setup()
    http.defaults.adapter = async (config) => {
      record(config)
      return respond(config, 401, unauthenticated)
    }

    const results = await Promise.allSettled([listUsers({}), listUsers({})])

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(calls.filter((c) => c.url === '/auth/refresh')).toHaveLength(1)
    expect(calls.filter((c) => c.url === '/users')).toHaveLength(2) // no retry without a new token
    expect(expire).toHaveBeenCalled()
    expect(auth.accessToken).toBeNull()
    expect(auth.refreshToken).toBeNull()
    expect(localStorage.getItem('incubator.refresh_token')).toBeNull()
  })

  it('keeps the session when the refresh fails for a transient reason', async () => {
    const { auth, expire } = setup()
    http.defaults.adapter = async (config) => {
      record(config)
      return respond(config, config.url === '/auth/refresh' ? 503 : 401, unauthenticated)
    }

    await expect(listUsers({})).rejects.toMatchObject({ response: { status: 401 } })
    expect(expire).not.toHaveBeenCalled()
    expect(auth.refreshToken).toBe('old-refresh')
  })

  it('does not refresh for a failed login and sends the locale', async () => {
    const { auth } = setup()
    auth.clear()
    http.defaults.adapter = async (config) => {
      record(config)
      return respond(config, 401, { ...unauthenticated, detail: 'wrong password' })
    }

    await expect(auth.login('admin', 'nope')).rejects.toBeInstanceOf(AxiosError)
    expect(calls.map((c) => c.url)).toEqual(['/auth/login'])
    expect(calls[0]!.authorization).toBeUndefined()
    expect(calls[0]!.language).toBe('en')
  })
})
