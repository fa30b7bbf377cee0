import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter, safeRedirect } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { me, tokenPair } from './fixtures'

describe('route guard', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('sends a visitor without a session to login, remembering the page', async () => {
    const router = createAppRouter(createMemoryHistory())
    await router.push('/colleges?q=x')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/colleges?q=x')
  })

  it('shows 403 for a page whose permission the user lacks', async () => {
    const auth = useAuthStore()
    auth.setSession(tokenPair('a', 'r'))
    auth.me = me([{ method: 'GET', path: '/api/v1/colleges' }], [{ role: 'college_viewer', domain: '*' }])
    const router = createAppRouter(createMemoryHistory())

    await router.push('/users')
    expect(router.currentRoute.value.name).toBe('forbidden')

    await router.push('/colleges')
    expect(router.currentRoute.value.name).toBe('colleges')
  })

  it('shows the public competitions page without a session', async () => {
    const router = createAppRouter(createMemoryHistory())
    await router.push('/open-competitions')
    expect(router.currentRoute.value.name).toBe('open-competitions')
  })

  it('needs the entry permission for an entry page', async () => {
    const auth = useAuthStore()
    auth.setSession(tokenPair('a', 'r'))
    auth.me = me([{ method: 'GET', path: '/api/v1/competitions' }], [{ role: 'judge', domain: '*' }])
    const router = createAppRouter(createMemoryHistory())
    await router.push('/entries/5')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/competitions')
    expect(router.currentRoute.value.name).toBe('competitions')
  })

  it('shows 404 for an unknown path', async () => {
    const router = createAppRouter(createMemoryHistory())
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('accepts only same-site redirects', () => {
    expect(safeRedirect('/users?page=2')).toBe('/users?page=2')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})
