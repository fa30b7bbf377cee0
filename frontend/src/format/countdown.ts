// A deadline counts down in days, hours, minutes and seconds. The server
// decides whether something is locked; the countdown only informs.

type Translate = (key: string, named?: Record<string, unknown>) => string

export interface Remaining {
  /** past: the deadline has been reached. */
  past: boolean
  days: number
  hours: number
  minutes: number
  seconds: number
}

/** remaining splits the time from now to deadline (RFC 3339 or ms) into parts; parts are 0 once past. */
export function remaining(deadline: string | number | Date, now: number | Date): Remaining {
  const end = deadline instanceof Date ? deadline.getTime() : typeof deadline === 'number' ? deadline : Date.parse(deadline)
  const at = now instanceof Date ? now.getTime() : now
  const ms = Number.isNaN(end) ? 0 : end - at
  if (ms <= 0) return { past: true, days: 0, hours: 0, minutes: 0, seconds: 0 }
  // a part-second still counts: 0.4 s left shows as 1 s, never as 0
  const total = Math.ceil(ms / 1000)
  return {
    past: false,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3_600),
    minutes: Math.floor((total % 3_600) / 60),
    seconds: total % 60,
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/**
 * formatCountdown reads the remaining time: "3 天 04:05:06" (en "3 d 04:05:06"),
 * "04:05:06" under a day, the "ended" text once past.
 */
export function formatCountdown(r: Remaining, t: Translate): string {
  if (r.past) return t('countdown.ended')
  const clock = `${pad(r.hours)}:${pad(r.minutes)}:${pad(r.seconds)}`
  return r.days > 0 ? t('countdown.daysAndClock', { days: r.days, clock }) : clock
}
