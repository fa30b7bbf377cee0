import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { pathMatches, permits } from '@/access/permission'
import { hasRole, managesBase } from '@/access/roles'
import { useAuthStore } from '@/stores/auth'
import { me } from './fixtures'

describe('pathMatches', () => {
  it.each([
    ['/api/v1/users', '/api/v1/users', true],
    ['/api/v1/users/:id', '/api/v1/users/:id', true],
    ['/api/v1/users/:id', '/api/v1/users/42', true],
    ['/api/v1/users/:id', '/api/v1/users', false],
    ['/api/v1/users', '/api/v1/users/:id', false],
    ['/api/v1/users/:id/roles', '/api/v1/users/:id', false],
    ['/api/v1/*', '/api/v1/rbac/policies', true],
    ['/api/v1/users*', '/api/v1/colleges', false],
  ])('%s covers %s: %s', (granted, wanted, expected) => {
    expect(pathMatches(granted, wanted)).toBe(expected)
  })
})

describe('permits', () => {
  const perms = [
    { method: 'GET', path: '/api/v1/colleges' },
    { method: 'put', path: '/api/v1/users/:id/roles' },
  ]

  it('needs both the method and the path', () => {
    expect(permits(perms, 'GET', '/api/v1/colleges')).toBe(true)
    expect(permits(perms, 'get', '/api/v1/colleges')).toBe(true)
    expect(permits(perms, 'POST', '/api/v1/colleges')).toBe(false)
    expect(permits(perms, 'GET', '/api/v1/users')).toBe(false)
    expect(permits(perms, 'PUT', '/api/v1/users/:id/roles')).toBe(true)
  })

  it('accepts a wildcard method', () => {
    expect(permits([{ method: '*', path: '/api/v1/users' }], 'DELETE', '/api/v1/users')).toBe(true)
  })

  it('denies everything with no permissions', () => {
    expect(permits([], 'GET', '/api/v1/colleges')).toBe(false)
  })
})

describe('auth store can()', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('denies before /me is loaded', () => {
    const auth = useAuthStore()
    expect(auth.can('GET', '/api/v1/colleges')).toBe(false)
  })

  it('follows the permissions of /me', () => {
    const auth = useAuthStore()
    auth.me = me([{ method: 'GET', path: '/api/v1/colleges' }], [{ role: 'college_viewer', domain: '*' }])
    expect(auth.can('GET', '/api/v1/colleges')).toBe(true)
    expect(auth.can('GET', '/api/v1/users')).toBe(false)
    expect(auth.can('GET', '/api/v1/rbac/policies')).toBe(false)
  })

  it('forgets the permissions on clear()', () => {
    const auth = useAuthStore()
    auth.me = me([{ method: 'GET', path: '/api/v1/users' }])
    auth.clear()
    expect(auth.can('GET', '/api/v1/users')).toBe(false)
  })
})

describe('managesBase', () => {
  it('is true for admins and for the manager of that base only', () => {
    expect(managesBase([{ role: 'admin', domain: '*' }], 3)).toBe(true)
    expect(managesBase([{ role: 'base_manager', domain: 'base:2' }], 2)).toBe(true)
    expect(managesBase([{ role: 'base_manager', domain: 'base:2' }], 3)).toBe(false)
    expect(managesBase([{ role: 'student', domain: '*' }], 2)).toBe(false)
    expect(hasRole([{ role: 'student', domain: '*' }], 'student')).toBe(true)
  })
})
