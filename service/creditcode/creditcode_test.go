package creditcode_test

import (
	"errors"
	"testing"

	"incubator/service/creditcode"
)

// withCheck completes 17 characters with their computed check character.
func withCheck(t *testing.T, first17 string) string {
	t.Helper()
	c, err := creditcode.CheckChar(first17)
	if err != nil {
		t.Fatalf("CheckChar(%q): %v", first17, err)
	}
	return first17 + string(c)
}

func TestCheckChar(t *testing.T) {
	tests := []struct {
		first17 string
		want    byte
	}{
		{"91350100M000100Y4", '3'}, // the example code published with the standard
		{"91441800MA4UJ2KD7", 'Y'},
		{"12441800455863129", 'W'},
		{"52441800MA4WB8HN0", '0'}, // sum ≡ 0 (mod 31): check value 31 becomes 0
		{"Y1441800MA4X7RT61", 'D'},
	}
	for _, tt := range tests {
		got, err := creditcode.CheckChar(tt.first17)
		if err != nil || got != tt.want {
			t.Errorf("CheckChar(%q) = %q, %v; want %q", tt.first17, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "9135010", "91350100M000100Y43", "91350100m000100Y4", "91350100M000100I4"} {
		if _, err := creditcode.CheckChar(bad); err == nil {
			t.Errorf("CheckChar(%q) succeeded, want an error", bad)
		}
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		name string
		code string
		want error // nil: valid
	}{
		{"OK/StandardExample", "91350100M000100Y43", nil},
		{"OK/Enterprise", "91441800MA4UJ2KD7Y", nil},
		{"OK/PublicInstitution", "12441800455863129W", nil},
		{"OK/CheckCharZero", "52441800MA4WB8HN00", nil},
		{"OK/SoleTrader", "92441802MA51C3QE4Q", nil},
		{"OK/Other", "Y1441800MA4X7RT61D", nil},
		{"OK/Agricultural", "N2441800MA54KQ8B33", nil},
		{"ErrCheck/WrongCheckChar", "91350100M000100Y44", creditcode.ErrCheck},
		{"ErrCheck/SwappedCharacters", "91350100M000010Y43", creditcode.ErrCheck},
		{"ErrCheck/OneDigitChanged", "91441800MA4UJ2KD8Y", creditcode.ErrCheck},
		{"ErrCharacter/Lowercase", "91350100m000100y43", creditcode.ErrCharacter},
		{"ErrCharacter/LowercaseCheckChar", "91441800MA4UJ2KD7y", creditcode.ErrCharacter},
		{"ErrCharacter/I", "91441800MA4IJ2KD7Y", creditcode.ErrCharacter},
		{"ErrCharacter/O", "91441800MA4OJ2KD7Y", creditcode.ErrCharacter},
		{"ErrCharacter/S", "91441800MA4SJ2KD7Y", creditcode.ErrCharacter},
		{"ErrCharacter/V", "91441800MA4VJ2KD7Y", creditcode.ErrCharacter},
		{"ErrCharacter/Z", "91441800MA4ZJ2KD7Y", creditcode.ErrCharacter},
		{"ErrCharacter/ZAsCheckChar", "91441800MA4UJ2KD7Z", creditcode.ErrCharacter},
		{"ErrCharacter/Hyphen", "91441800-A4UJ2KD7Y", creditcode.ErrCharacter},
		{"ErrCharacter/FullWidthDigit", "９1441800MA4UJ2KD7Y", creditcode.ErrCharacter},
		{"ErrLength/Empty", "", creditcode.ErrLength},
		{"ErrLength/17", "91350100M000100Y4", creditcode.ErrLength},
		{"ErrLength/19", "91350100M000100Y433", creditcode.ErrLength},
		{"ErrLength/Spaces", " 91350100M000100Y43", creditcode.ErrLength},
		{"ErrLength/OldOrganisationCode", "M000100Y4", creditcode.ErrLength},
		{"ErrAuthority/UnknownAuthority", withCheck(t, "B1441800MA4UJ2KD7"), creditcode.ErrAuthority},
		{"ErrAuthority/ClassOfAnotherAuthority", withCheck(t, "94441800MA4UJ2KD7"), creditcode.ErrAuthority},
		{"ErrAuthority/LetterClass", withCheck(t, "9A441800MA4UJ2KD7"), creditcode.ErrAuthority},
		{"ErrAuthority/OtherWithClass2", withCheck(t, "Y2441800MA4UJ2KD7"), creditcode.ErrAuthority},
		{"ErrDivision/LetterInDivision", withCheck(t, "9144180AMA4UJ2KD7"), creditcode.ErrDivision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := creditcode.Check(tt.code)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Check(%q) = %v, want %v", tt.code, err, tt.want)
			}
			if got := creditcode.Valid(tt.code); got != (tt.want == nil) {
				t.Fatalf("Valid(%q) = %v, want %v", tt.code, got, tt.want == nil)
			}
		})
	}
}

// TestCheckCharDetectsSingleErrors: changing any one of the first 17
// characters to any other character of the alphabet changes the check
// character (the weights are non-zero modulo the prime 31).
func TestCheckCharDetectsSingleErrors(t *testing.T) {
	const base = "91441800MA4UJ2KD7"
	want, err := creditcode.CheckChar(base)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(base); i++ {
		for j := 0; j < len(creditcode.Alphabet); j++ {
			c := creditcode.Alphabet[j]
			if c == base[i] {
				continue
			}
			changed := base[:i] + string(c) + base[i+1:]
			if got, err := creditcode.CheckChar(changed); err != nil || got == want {
				t.Fatalf("CheckChar(%q) = %q, %v: the change at %d went unnoticed", changed, got, err, i+1)
			}
		}
	}
}
