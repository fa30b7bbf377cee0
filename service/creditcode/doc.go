// Package creditcode validates the unified social credit code
// (统一社会信用代码) of GB 32100-2015: 18 characters from the 31-character
// alphabet 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V or Z), made of the
// registration authority (1), the organisation class (1), the
// administrative division (6 digits, GB/T 2260), the organisation
// identifier (9, GB 11714) and a check character computed over the first
// 17 with the weights 3^(i-1) mod 31.
//
// It is pure: no database, no I/O; it imports only the standard library.
package creditcode
