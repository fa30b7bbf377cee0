package service

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"incubator/model"
)

// TokenSigner issues and verifies short-lived access tokens (JWT, HS256
// only; exp, iss and aud required).
type TokenSigner struct {
	secret   []byte
	issuer   string
	audience string
	ttl      time.Duration
	clock    Clock
	parser   *jwt.Parser
}

// NewTokenSigner returns a signer. secret must be at least 32 bytes; config
// validation guarantees it.
func NewTokenSigner(secret []byte, issuer, audience string, ttl time.Duration, clock Clock) *TokenSigner {
	return &TokenSigner{
		secret: secret, issuer: issuer, audience: audience, ttl: ttl, clock: clock,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithIssuer(issuer),
			jwt.WithAudience(audience),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithLeeway(5*time.Second),
			jwt.WithTimeFunc(clock),
		),
	}
}

// accessClaims are the claims of an access token. Times are plain Unix
// seconds (decoding jwt.NumericDate costs more than the signature check);
// the methods give golang-jwt what its validator needs, and a missing exp
// is refused (WithExpirationRequired).
type accessClaims struct {
	Iss string           `json:"iss"`
	Sub string           `json:"sub"`
	Aud jwt.ClaimStrings `json:"aud"`
	Exp int64            `json:"exp,omitempty"`
	Nbf int64            `json:"nbf,omitempty"`
	Iat int64            `json:"iat,omitempty"`
	// Ver is the user's token version when the token was issued.
	Ver int `json:"ver"`
}

func unixDate(sec int64) *jwt.NumericDate {
	if sec == 0 {
		return nil
	}
	return jwt.NewNumericDate(time.Unix(sec, 0))
}

func (c accessClaims) GetExpirationTime() (*jwt.NumericDate, error) { return unixDate(c.Exp), nil }
func (c accessClaims) GetIssuedAt() (*jwt.NumericDate, error)       { return unixDate(c.Iat), nil }
func (c accessClaims) GetNotBefore() (*jwt.NumericDate, error)      { return unixDate(c.Nbf), nil }
func (c accessClaims) GetIssuer() (string, error)                   { return c.Iss, nil }
func (c accessClaims) GetSubject() (string, error)                  { return c.Sub, nil }
func (c accessClaims) GetAudience() (jwt.ClaimStrings, error)       { return c.Aud, nil }

// Issue returns a signed access token for the user and its expiry.
func (s *TokenSigner) Issue(userID uint, tokenVersion int) (string, time.Time, error) {
	now := s.clock()
	exp := now.Add(s.ttl)
	claims := accessClaims{
		Iss: s.issuer, Sub: strconv.FormatUint(uint64(userID), 10), Aud: jwt.ClaimStrings{s.audience},
		Exp: exp.Unix(), Iat: now.Unix(), Nbf: now.Unix(), Ver: tokenVersion,
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.secret)
	if err != nil {
		return "", time.Time{}, model.Internal(err)
	}
	return signed, exp, nil
}

// Verify checks an access token and returns its user id and token version.
// Errors: unauthenticated.
func (s *TokenSigner) Verify(token string) (uint, int, error) {
	var claims accessClaims
	_, err := s.parser.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return s.secret, nil })
	if err != nil {
		msg := "invalid access token"
		if errors.Is(err, jwt.ErrTokenExpired) {
			msg = "access token expired"
		}
		return 0, 0, &model.Error{Code: model.CodeUnauthenticated, Message: msg, Err: err}
	}
	id, err := strconv.ParseUint(claims.Sub, 10, 64)
	if err != nil || id == 0 {
		return 0, 0, model.Errorf(model.CodeUnauthenticated, "invalid access token")
	}
	return uint(id), claims.Ver, nil
}

// newOpaqueToken returns a random refresh token and its SHA-256 (hex), the
// only form stored.
func newOpaqueToken() (raw, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	raw = base64.RawURLEncoding.EncodeToString(b)
	return raw, hashToken(raw), nil
}

func hashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

func newFamilyID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
