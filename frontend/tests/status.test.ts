import { describe, expect, it } from 'vitest'
import {
  applicationTag,
  fileable,
  manualTargets,
  reportState,
  WORKSTATION_COLORS,
  WORKSTATION_STATUSES,
  workstationColor,
} from '@/format/status'

describe('workstation colours', () => {
  it('maps free green, occupied blue, reserved orange, out of service grey', () => {
    expect(workstationColor('free')).toBe('#67c23a')
    expect(workstationColor('occupied')).toBe('#409eff')
    expect(workstationColor('reserved')).toBe('#e6a23c')
    expect(workstationColor('out_of_service')).toBe('#909399')
  })

  it('gives every status its own colour and unknown ones grey', () => {
    const colours = WORKSTATION_STATUSES.map(workstationColor)
    expect(new Set(colours).size).toBe(WORKSTATION_STATUSES.length)
    expect(Object.keys(WORKSTATION_COLORS).sort()).toEqual([...WORKSTATION_STATUSES].sort())
    expect(workstationColor('broken')).toBe(WORKSTATION_COLORS.out_of_service)
  })

  it('offers manual moves only among free, reserved and out of service', () => {
    expect(manualTargets('free')).toEqual(['reserved', 'out_of_service'])
    expect(manualTargets('reserved')).toEqual(['free', 'out_of_service'])
    expect(manualTargets('out_of_service')).toEqual(['free', 'reserved'])
    expect(manualTargets('occupied')).toEqual([])
  })
})

describe('application tags', () => {
  it('colours decisions', () => {
    expect(applicationTag('approved')).toBe('success')
    expect(applicationTag('rejected')).toBe('danger')
    expect(applicationTag('whatever')).toBe('info')
  })
})

describe('reportState', () => {
  const base = { period_start: '2026-07-01', period_end: '2026-09-30', due_on: '2026-10-10' }

  it('reads an unsubmitted report by the day', () => {
    const r = { ...base, status: 'pending', late: false }
    expect(reportState(r, '2026-09-30')).toBe('upcoming')
    expect(reportState(r, '2026-10-01')).toBe('due')
    expect(reportState(r, '2026-10-10')).toBe('due')
    expect(reportState(r, '2026-10-11')).toBe('late')
  })

  it('trusts the server late flag and tells late submissions apart', () => {
    expect(reportState({ ...base, status: 'pending', late: true }, '2026-10-01')).toBe('late')
    expect(reportState({ ...base, status: 'submitted', late: false }, '2026-12-01')).toBe('submitted')
    expect(reportState({ ...base, status: 'submitted', late: true }, '2026-12-01')).toBe('submitted_late')
  })

  it('lists the fileable periods earliest first', () => {
    const reports = [
      { ...base, status: 'pending', late: false },
      { period_start: '2026-04-01', period_end: '2026-06-30', due_on: '2026-07-10', status: 'pending', late: true },
      { period_start: '2026-01-01', period_end: '2026-03-31', due_on: '2026-04-10', status: 'submitted', late: false },
      { period_start: '2026-10-01', period_end: '2026-12-31', due_on: '2027-01-10', status: 'pending', late: false },
    ]
    expect(fileable(reports, '2026-10-05').map((r) => r.period_start)).toEqual(['2026-04-01', '2026-07-01'])
  })
})
