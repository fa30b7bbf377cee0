import { describe, expect, it } from 'vitest'
import { groupByRole, policyKey } from '@/access/policies'

describe('groupByRole', () => {
  it('groups by role in the given order, unknown roles last', () => {
    const groups = groupByRole(
      [
        { role: 'zeta', domain: '*', method: 'GET', path: '/a' },
        { role: 'college_viewer', domain: '*', method: 'GET', path: '/api/v1/colleges/:id' },
        { role: 'admin', domain: '*', method: 'GET', path: '/api/v1/users' },
        { role: 'college_viewer', domain: '*', method: 'GET', path: '/api/v1/colleges' },
      ],
      ['admin', 'college_viewer'],
    )
    expect(groups.map((g) => g.role)).toEqual(['admin', 'college_viewer', 'zeta'])
    expect(groups[1]!.policies.map((p) => p.path)).toEqual(['/api/v1/colleges', '/api/v1/colleges/:id'])
  })

  it('treats methods case-insensitively in keys', () => {
    const a = { role: 'admin', domain: '*', method: 'get', path: '/x' }
    const b = { role: 'admin', domain: '*', method: 'GET', path: '/x' }
    expect(policyKey(a)).toBe(policyKey(b))
    expect(policyKey(a)).not.toBe(policyKey({ ...b, domain: 'base:1' }))
  })
})
