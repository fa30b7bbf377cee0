// Money travels as integer fen (分); people read and type yuan (元).

/** formatYuan shows fen as yuan with 2 decimals and thousands separators: 123456 → "1,234.56". */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  const whole = Math.round(fen)
  const sign = whole < 0 ? '-' : ''
  const abs = Math.abs(whole)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${grouped}.${String(cents).padStart(2, '0')}`
}

/**
 * yuanToFen converts an amount in yuan to integer fen without floating-point
 * drift. Strings are parsed exactly ("12.3" → 1230, "1,000" → 100000); more
 * than 2 decimals, or text that is not a number, gives null.
 */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined) return null
  if (typeof yuan === 'number') {
    if (!Number.isFinite(yuan)) return null
    const fen = Math.round(yuan * 100)
    return Math.abs(fen / 100 - yuan) < 1e-6 ? fen : null
  }
  const s = yuan.trim().replace(/,/g, '')
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(s)
  if (!m) return null
  const [, sign, int, dec = ''] = m
  const fen = Number(int) * 100 + Number(dec.padEnd(2, '0'))
  return sign === '-' ? -fen : fen
}

/** fenToYuan is the number of yuan in fen, for editing in a number input. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100
}
