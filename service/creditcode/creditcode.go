package creditcode

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Alphabet is the character set of a code, in value order: a character's
// index is its value in the check-character sum.
const Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// Length is the number of characters of a code.
const Length = 18

// weights are 3^(i-1) mod 31 for the positions i = 1..17.
var weights = func() [Length - 1]int {
	var w [Length - 1]int
	p := 1
	for i := range w {
		w[i] = p
		p = p * 3 % 31
	}
	return w
}()

// classes maps each registration authority code (登记管理部门代码) to the
// organisation class codes (机构类别代码) it issues, per GB 32100-2015 and
// its amendments (外交, 司法行政, 文化, 旅游, 宗教, 工会, 中央军委改革和
// 编制办公室, 农业).
var classes = map[byte]string{
	'1': "1239",   // 机构编制: 机关, 事业单位, 编办直管的群众团体, 其他
	'2': "19",     // 外交: 外国常驻新闻机构, 其他
	'3': "123459", // 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
	'4': "19",     // 文化: 外国在华文化中心, 其他
	'5': "1239",   // 民政: 社会团体, 民办非企业单位, 基金会, 其他
	'6': "129",    // 旅游: 外国 / 港澳台旅游部门常驻代表机构, 其他
	'7': "129",    // 宗教: 宗教活动场所, 宗教院校, 其他
	'8': "19",     // 工会: 基层工会, 其他
	'9': "123",    // 工商 (市场监管): 企业, 个体工商户, 农民专业合作社
	'A': "19",     // 中央军委改革和编制办公室: 军队事业单位, 其他
	'N': "1239",   // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
	'Y': "1",      // 其他: no classes, always 1
}

// Errors of CheckChar and Check.
var (
	ErrLength    = errors.New("a unified social credit code has 18 characters")
	ErrCharacter = errors.New("only digits and the capital letters A-H J-N P-R T-U W-Y are allowed")
	ErrAuthority = errors.New("unknown registration authority or organisation class (characters 1-2)")
	ErrDivision  = errors.New("the administrative division (characters 3-8) must be six digits")
	ErrCheck     = errors.New("the check character (character 18) does not match")
)

// value returns c's value in Alphabet, or -1.
func value(c byte) int {
	return strings.IndexByte(Alphabet, c)
}

// CheckChar computes the check character of the first 17 characters of a
// code. It fails on a wrong length or a character outside Alphabet
// (lowercase letters included); it does not look at the structure.
func CheckChar(first17 string) (byte, error) {
	if len(first17) != Length-1 {
		return 0, fmt.Errorf("%w: want 17 characters before the check character, got %d", ErrLength, len(first17))
	}
	sum := 0
	for i := 0; i < Length-1; i++ {
		v := value(first17[i])
		if v < 0 {
			return 0, fmt.Errorf("%w (character %d)", ErrCharacter, i+1)
		}
		sum += v * weights[i]
	}
	return Alphabet[(31-sum%31)%31], nil
}

// Check explains why code is not a valid unified social credit code; nil
// means it is. It checks the length, the alphabet, the registration
// authority and organisation class pair, the six-digit division code and
// the check character. The GB 11714 check digit inside the organisation
// identifier is not checked: codes issued to some registrant kinds do
// not carry one.
func Check(code string) error {
	if utf8.RuneCountInString(code) != Length {
		return ErrLength
	}
	if len(code) != Length { // 18 characters, not all ASCII
		return ErrCharacter
	}
	want, err := CheckChar(code[:Length-1])
	if err != nil {
		return err
	}
	if value(code[Length-1]) < 0 {
		return fmt.Errorf("%w (character 18)", ErrCharacter)
	}
	if allowed, ok := classes[code[0]]; !ok || strings.IndexByte(allowed, code[1]) < 0 {
		return ErrAuthority
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return ErrDivision
		}
	}
	if code[Length-1] != want {
		return ErrCheck
	}
	return nil
}

// Valid reports whether code is a valid unified social credit code: see
// Check. Lowercase letters and surrounding spaces make it invalid.
func Valid(code string) bool {
	return Check(code) == nil
}
