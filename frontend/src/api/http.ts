import axios, { AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'

/**
 * SessionBridge connects the HTTP client to whoever owns the tokens (the auth
 * store), so this module imports neither Pinia nor the router.
 */
export interface SessionBridge {
  /** accessToken returns the current access token, or null when logged out. */
  accessToken(): string | null
  /**
   * refresh renews the token pair. It resolves true on success and false when
   * the server rejected the refresh token (the session is over); it rejects on
   * transient failures. Concurrent callers must share one call (single-flight).
   */
  refresh(): Promise<boolean>
  /** expire is called after a failed refresh: clear the session, go to login. */
  expire(): void
  /** locale is sent as Accept-Language. */
  locale(): string
}

/** RequestOptions are the extra config fields this client understands. */
export interface RequestOptions {
  /** skipAuthRefresh: a 401 is final (login, refresh, logout). */
  skipAuthRefresh?: boolean
}

declare module 'axios' {
  interface AxiosRequestConfig extends RequestOptions {
    /** retried marks a request already replayed after a refresh. */
    _retried?: boolean
    /** sentToken is the access token the request went out with. */
    _sentToken?: string | null
  }
}

const noSession: SessionBridge = {
  accessToken: () => null,
  refresh: async () => false,
  expire: () => {},
  locale: () => 'zh-CN',
}

let bridge: SessionBridge = noSession

/** bindSession wires the client to the session owner; call once at start-up. */
export function bindSession(b: SessionBridge): void {
  bridge = b
}

function attachHeaders(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
  const token = bridge.accessToken()
  config._sentToken = token
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  else config.headers.delete('Authorization')
  config.headers.set('Accept-Language', bridge.locale())
  return config
}

async function retryAfterUnauthenticated(instance: AxiosInstance, error: unknown): Promise<unknown> {
  if (!(error instanceof AxiosError) || error.response?.status !== 401) throw error
  const config = error.config
  if (!config || config.skipAuthRefresh || config._retried || !config._sentToken) throw error
  config._retried = true
  // Another request may have refreshed the session while this one was in
  // flight: then just replay it with the new token.
  const current = bridge.accessToken()
  if (current && current !== config._sentToken) return instance.request(config)
  let renewed: boolean
  try {
    renewed = await bridge.refresh()
  } catch {
    throw error // transient failure: keep the session, report the original error
  }
  if (!renewed) {
    bridge.expire()
    throw error
  }
  return instance.request(config)
}

/** createHttp builds an API client on baseURL /api/v1 with the auth handling. */
export function createHttp(): AxiosInstance {
  const instance = axios.create({
    baseURL: '/api/v1',
    timeout: 30_000,
    headers: { Accept: 'application/json' },
  })
  instance.interceptors.request.use(attachHeaders)
  instance.interceptors.response.use(undefined, (error) => retryAfterUnauthenticated(instance, error))
  return instance
}

/** http is the application's API client. */
export const http = createHttp()
