import { describe, expect, it } from 'vitest'
import { MENU, visibleMenu } from '@/router/menu'
import { permits } from '@/access/permission'
import type { Permission } from '@/api/types'

function keysFor(permissions: Permission[]): string[] {
  return visibleMenu(MENU, (m, p) => permits(permissions, m, p)).map((i) => i.key)
}

describe('visibleMenu', () => {
  it('shows only home and profile without permissions', () => {
    expect(keysFor([])).toEqual(['home', 'profile'])
  })

  it('shows colleges to a college viewer and nothing administrative', () => {
    const keys = keysFor([
      { method: 'GET', path: '/api/v1/colleges' },
      { method: 'GET', path: '/api/v1/colleges/:id' },
    ])
    expect(keys).toEqual(['home', 'colleges', 'profile'])
  })

  it('needs the GET list route, not another method on it', () => {
    expect(keysFor([{ method: 'POST', path: '/api/v1/users' }])).not.toContain('users')
  })

  it('shows everything to an administrator', () => {
    const keys = keysFor([
      { method: 'GET', path: '/api/v1/users' },
      { method: 'GET', path: '/api/v1/colleges' },
      { method: 'GET', path: '/api/v1/audit-logs' },
      { method: 'GET', path: '/api/v1/rbac/policies' },
      { method: 'GET', path: '/api/v1/bases' },
      { method: 'GET', path: '/api/v1/projects' },
      { method: 'GET', path: '/api/v1/residency-applications' },
      { method: 'GET', path: '/api/v1/residencies' },
    ])
    expect(keys).toEqual([
      'home',
      'projects',
      'applications',
      'residencies',
      'bases',
      'users',
      'colleges',
      'audit',
      'rbac',
      'profile',
    ])
  })

  it('shows a student the incubation entries and nothing administrative', () => {
    const keys = keysFor([
      { method: 'GET', path: '/api/v1/bases' },
      { method: 'GET', path: '/api/v1/bases/:id' },
      { method: 'GET', path: '/api/v1/projects' },
      { method: 'POST', path: '/api/v1/projects' },
      { method: 'GET', path: '/api/v1/residency-applications' },
      { method: 'GET', path: '/api/v1/residencies' },
    ])
    expect(keys).toEqual(['home', 'projects', 'applications', 'residencies', 'bases', 'profile'])
  })

  it('shows each new entry only with its own GET list route', () => {
    expect(keysFor([{ method: 'GET', path: '/api/v1/bases/:id' }])).not.toContain('bases')
    expect(keysFor([{ method: 'POST', path: '/api/v1/residency-applications' }])).not.toContain('applications')
    expect(keysFor([{ method: 'GET', path: '/api/v1/residencies/:id' }])).not.toContain('residencies')
    expect(keysFor([{ method: 'GET', path: '/api/v1/residency-applications' }])).toEqual([
      'home',
      'applications',
      'profile',
    ])
  })

  it('shows the competitions entry with GET /competitions only, after residencies', () => {
    expect(keysFor([{ method: 'GET', path: '/api/v1/competitions/:id' }])).not.toContain('competitions')
    expect(keysFor([{ method: 'POST', path: '/api/v1/competitions' }])).not.toContain('competitions')
    expect(keysFor([{ method: 'GET', path: '/api/v1/competitions' }])).toEqual(['home', 'competitions', 'profile'])
    const keys = keysFor([
      { method: 'GET', path: '/api/v1/projects' },
      { method: 'GET', path: '/api/v1/residencies' },
      { method: 'GET', path: '/api/v1/competitions' },
      { method: 'GET', path: '/api/v1/users' },
    ])
    expect(keys).toEqual(['home', 'projects', 'residencies', 'competitions', 'users', 'profile'])
  })

  it('shows competitions to an administrator holding a wildcard grant', () => {
    expect(keysFor([{ method: '*', path: '/api/v1/*' }])).toContain('competitions')
  })
})
