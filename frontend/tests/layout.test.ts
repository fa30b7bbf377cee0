import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory } from 'vue-router'
import AppLayout from '@/layouts/AppLayout.vue'
import { createAppRouter } from '@/router'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { me, tokenPair } from './fixtures'

async function mountLayout(permissions: { method: string; path: string }[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  auth.setSession(tokenPair('a', 'r'))
  auth.me = me(permissions, [{ role: 'college_viewer', domain: '*' }])
  const router = createAppRouter(createMemoryHistory())
  await router.push('/profile')
  const wrapper = mount(AppLayout, { global: { plugins: [pinia, i18n, ElementPlus, router] } })
  await flushPromises()
  return wrapper
}

describe('AppLayout', () => {
  beforeEach(() => {
    localStorage.clear()
    setLocale('zh-CN')
  })

  it('renders only the menu items the server grants, with test ids', async () => {
    const wrapper = await mountLayout([{ method: 'GET', path: '/api/v1/colleges' }])
    expect(wrapper.find('[data-testid="menu-colleges"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-home"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-profile"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="menu-users"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="menu-audit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="menu-rbac"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="app-title"]').text()).toBe('高新区创新孵化平台')
  })

  it('switches the language and remembers it', async () => {
    const wrapper = await mountLayout([])
    setLocale('en')
    await flushPromises()
    expect(wrapper.get('[data-testid="app-title"]').text()).toBe('Incubator Platform')
    expect(wrapper.get('[data-testid="menu-home"]').text()).toContain('Home')
    expect(localStorage.getItem('incubator.locale')).toBe('en')
  })
})
