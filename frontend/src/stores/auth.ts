import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { AxiosError } from 'axios'
import * as authApi from '@/api/auth'
import { getMe } from '@/api/me'
import type { Me, TokenPair } from '@/api/types'
import { permits } from '@/access/permission'

const KEYS = {
  access: 'incubator.access_token',
  refresh: 'incubator.refresh_token',
  expiresAt: 'incubator.expires_at',
} as const

/** REFRESH_AHEAD_MS: renew the access token this long before it expires. */
const REFRESH_AHEAD_MS = 60_000

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // storage unavailable: the session lives in memory only
  }
}

/**
 * useAuthStore owns the session: the token pair (kept in memory and in
 * localStorage so a reload stays logged in), the current user with the
 * permissions the server grants, and the refresh logic.
 */
export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(readStorage(KEYS.access))
  const refreshToken = ref<string | null>(readStorage(KEYS.refresh))
  const expiresAt = ref<number>(Number(readStorage(KEYS.expiresAt) ?? 0))
  const me = ref<Me | null>(null)

  let inflight: Promise<boolean> | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const isLoggedIn = computed(() => accessToken.value !== null || refreshToken.value !== null)
  const roles = computed(() => me.value?.roles ?? [])

  function scheduleRefresh(): void {
    clearTimeout(timer)
    if (!refreshToken.value || !expiresAt.value) return
    const delay = Math.max(expiresAt.value - Date.now() - REFRESH_AHEAD_MS, 5_000)
    timer = setTimeout(() => {
      refresh().catch(() => {
        // transient failure: the next 401 retries the refresh
      })
    }, delay)
  }

  function setSession(pair: TokenPair): void {
    accessToken.value = pair.access_token
    refreshToken.value = pair.refresh_token
    expiresAt.value = Date.now() + pair.expires_in * 1000
    writeStorage(KEYS.access, pair.access_token)
    writeStorage(KEYS.refresh, pair.refresh_token)
    writeStorage(KEYS.expiresAt, String(expiresAt.value))
    scheduleRefresh()
  }

  /** clear forgets the session locally (no server call). */
  function clear(): void {
    clearTimeout(timer)
    accessToken.value = null
    refreshToken.value = null
    expiresAt.value = 0
    me.value = null
    for (const key of Object.values(KEYS)) writeStorage(key, null)
  }

  async function login(username: string, password: string): Promise<void> {
    const pair = await authApi.login(username, password)
    setSession(pair)
    await fetchMe()
  }

  /**
   * refresh rotates the token pair. Concurrent callers share one request.
   * Resolves false (and clears the session) when the server rejects the
   * refresh token; rejects on network or server failures.
   */
  function refresh(): Promise<boolean> {
    if (inflight) return inflight
    const token = refreshToken.value
    if (!token) return Promise.resolve(false)
    inflight = (async () => {
      try {
        setSession(await authApi.refresh(token))
        return true
      } catch (err) {
        const status = err instanceof AxiosError ? err.response?.status : undefined
        if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
          clear()
          return false
        }
        throw err
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  async function fetchMe(): Promise<Me> {
    me.value = await getMe()
    return me.value
  }

  /** logout revokes the refresh chain on the server, then clears locally. */
  async function logout(): Promise<void> {
    const token = refreshToken.value
    try {
      if (token) await authApi.logout(token)
    } catch {
      // the session is dropped locally whatever the server says
    } finally {
      clear()
    }
  }

  /** can tells whether the server lets the user call method on a route template. */
  function can(method: string, path: string): boolean {
    return permits(me.value?.permissions ?? [], method, path)
  }

  scheduleRefresh()

  return {
    accessToken,
    refreshToken,
    expiresAt,
    me,
    isLoggedIn,
    roles,
    login,
    refresh,
    fetchMe,
    logout,
    clear,
    can,
    setSession,
  }
})
