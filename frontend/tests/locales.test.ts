import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'

/** flatten lists every leaf key ("a.b.c") of a message tree. */
function flatten(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flatten(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  ) as [string, unknown][]
}

describe('locale messages', () => {
  it('zh-CN and en have identical key sets', () => {
    const zhKeys = flatten(zhCN).sort()
    const enKeys = flatten(en).sort()
    expect(enKeys).toEqual(zhKeys)
    expect(zhKeys.length).toBeGreaterThan(100)
  })

  it('every message is a non-empty string', () => {
    for (const [key, value] of [...leaves(zhCN), ...leaves(en)]) {
      expect(typeof value, key).toBe('string')
      expect((value as string).trim(), key).not.toBe('')
    }
  })

  it('both locales use the same interpolation placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const enMap = new Map(leaves(en))
    for (const [key, zh] of leaves(zhCN)) {
      expect(placeholders(String(enMap.get(key))), key).toEqual(placeholders(String(zh)))
    }
  })

  it('translates every role name', () => {
    for (const role of ['admin', 'base_manager', 'judge', 'student', 'policy_officer', 'college_viewer']) {
      expect(zhCN.roles).toHaveProperty(role)
    }
    expect(zhCN.roles.college_viewer).toBe('院校联络人')
    expect(zhCN.app.title).toBe('高新区创新孵化平台')
    expect(en.app.title).toBe('Incubator Platform')
  })
})
