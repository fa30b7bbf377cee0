// The API speaks RFC 3339 UTC; people read times in China Standard Time.
const TIME_ZONE = 'Asia/Shanghai'

const formatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** formatDateTime shows an RFC 3339 instant as "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return formatter.format(date)
}

const dateFormatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * formatDate shows a date as "YYYY-MM-DD": a calendar date ("2024-03-01")
 * stays as it is, an RFC 3339 instant is read in Asia/Shanghai.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return dateFormatter.format(date)
}

/** todayISO is today's date in Asia/Shanghai as "YYYY-MM-DD". */
export function todayISO(now: Date = new Date()): string {
  return dateFormatter.format(now)
}

/** addMonthsISO adds months to a "YYYY-MM-DD" date, clamping to the month's last day. */
export function addMonthsISO(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

// China Standard Time has had no daylight saving since 1991: a fixed +08:00.
const SHANGHAI_OFFSET = '+08:00'

/**
 * toShanghaiInput turns an RFC 3339 instant into the "YYYY-MM-DD HH:mm:ss"
 * wall-clock value a datetime picker shows (Asia/Shanghai, whatever the
 * browser's own time zone); '' for none.
 */
export function toShanghaiInput(value: string | null | undefined): string {
  return formatDateTime(value)
}

/**
 * fromShanghaiInput reads a picker's "YYYY-MM-DD HH:mm[:ss]" Asia/Shanghai
 * wall-clock value as RFC 3339 UTC ("2024-03-01T16:30:00Z"); null for an
 * empty or unreadable value.
 */
export function fromShanghaiInput(value: string | null | undefined): string | null {
  if (!value) return null
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(value.trim())
  if (!m) return null
  const date = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}${SHANGHAI_OFFSET}`)
  if (Number.isNaN(date.getTime())) return null
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** formatDateTimeShort shows an instant as "YYYY-MM-DD HH:mm" in Asia/Shanghai. */
export function formatDateTimeShort(value: string | null | undefined): string {
  return formatDateTime(value).slice(0, 16)
}
