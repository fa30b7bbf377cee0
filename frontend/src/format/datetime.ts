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
