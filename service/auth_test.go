package service_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

var client = service.Client{IP: "198.51.100.7", UserAgent: "test", RequestID: "req-auth"}

func login(t testing.TB, svc *service.Services, username string) service.Session {
	t.Helper()
	s, err := svc.Auth.Login(ctx, username, service.DemoPassword, client)
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return s
}

// familyTokens returns every refresh token of the user.
func familyTokens(t testing.TB, svc *service.Services, userID uint) []model.RefreshToken {
	t.Helper()
	var rts []model.RefreshToken
	if err := svc.DB.Where("user_id = ?", userID).Order("id").Find(&rts).Error; err != nil {
		t.Fatal(err)
	}
	return rts
}

// familyOf returns every refresh token of the family raw belongs to.
func familyOf(t testing.TB, svc *service.Services, raw string) []model.RefreshToken {
	t.Helper()
	sum := sha256.Sum256([]byte(raw))
	var rt model.RefreshToken
	if err := svc.DB.Where("token_hash = ?", hex.EncodeToString(sum[:])).Take(&rt).Error; err != nil {
		t.Fatalf("refresh token not stored as its SHA-256: %v", err)
	}
	var rts []model.RefreshToken
	if err := svc.DB.Where("family_id = ?", rt.FamilyID).Order("id").Find(&rts).Error; err != nil {
		t.Fatal(err)
	}
	return rts
}

func TestLogin(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		n := auditCount(t, svc)
		s := login(t, svc, "student01")
		if s.AccessToken == "" || s.RefreshToken == "" || s.TokenType != "Bearer" || s.ExpiresIn != 900 {
			t.Fatalf("session = %+v", s)
		}
		want := []service.RoleBinding{{Role: model.RoleStudent, Domain: model.DomainAll}}
		if s.User.Username != "student01" || len(s.User.Roles) != 1 || s.User.Roles[0] != want[0] {
			t.Fatalf("session user = %+v", s.User)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "auth.login" || a.ActorName != "student01" || a.IP != client.IP {
			t.Fatalf("audit = %+v", a)
		}
		u := userByName(t, svc, "student01")
		if u.LastLoginAt == nil || !u.LastLoginAt.Equal(clock.Now()) {
			t.Fatalf("last_login_at = %v, want %v", u.LastLoginAt, clock.Now())
		}
		actor, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		if err != nil {
			t.Fatal(err)
		}
		if actor.UserID != u.ID || actor.Username != "student01" || actor.CollegeID == nil || len(actor.Roles) != 1 || actor.RequestID != client.RequestID {
			t.Fatalf("actor = %+v", actor)
		}
	})

	t.Run("ErrUnauthenticated", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		if err := svc.Users.Disable(ctx, admin, userID(t, svc, "judge01")); err != nil {
			t.Fatal(err)
		}
		n := auditCount(t, svc)
		for _, c := range []struct{ user, pass string }{
			{"student01", "wrong-password1"},
			{"nobody", service.DemoPassword},
			{"judge01", service.DemoPassword}, // disabled
			{"", ""},
		} {
			_, err := svc.Auth.Login(ctx, c.user, c.pass, client)
			wantCode(t, err, model.CodeUnauthenticated)
			if msg := model.AsError(err).Message; msg != "invalid username or password" {
				t.Fatalf("login %q: message %q reveals which part was wrong", c.user, msg)
			}
		}
		wantAuditDelta(t, svc, n, 0)
	})

	t.Run("ErrRateLimitedAccount", func(t *testing.T) {
		svc, clock := servicetest.New(t) // 5 failures per account, 15 min lockout
		for i := range 5 {
			ip := service.Client{IP: fmt.Sprintf("203.0.113.%d", i+1)} // spread over IPs
			_, err := svc.Auth.Login(ctx, "student01", "wrong-password1", ip)
			wantCode(t, err, model.CodeUnauthenticated)
		}
		_, err := svc.Auth.Login(ctx, "STUDENT01", service.DemoPassword, client) // case-insensitive key, fresh IP
		wantCode(t, err, model.CodeRateLimited)
		if ra := model.AsError(err).RetryAfter; ra != 900 {
			t.Fatalf("Retry-After = %d, want 900", ra)
		}
		if _, err := svc.Auth.Login(ctx, "student02", service.DemoPassword, client); err != nil {
			t.Fatalf("another account must not be locked: %v", err)
		}
		clock.Advance(14 * time.Minute)
		_, err = svc.Auth.Login(ctx, "student01", service.DemoPassword, client)
		wantCode(t, err, model.CodeRateLimited)
		if ra := model.AsError(err).RetryAfter; ra != 60 {
			t.Fatalf("Retry-After = %d, want 60", ra)
		}
		clock.Advance(time.Minute + time.Second) // lockout over
		login(t, svc, "student01")
	})

	t.Run("ErrRateLimitedIP", func(t *testing.T) {
		svc, clock := servicetest.New(t) // 20 failures per IP
		attacker := service.Client{IP: "203.0.113.66"}
		for i := range 20 {
			user := []string{"student01", "student02", "student03", "student04", "student05"}[i%5]
			_, err := svc.Auth.Login(ctx, user, "wrong-password1", attacker)
			wantCode(t, err, model.CodeUnauthenticated) // 4 per account: no account lockout
		}
		_, err := svc.Auth.Login(ctx, "student10", service.DemoPassword, attacker)
		wantCode(t, err, model.CodeRateLimited)
		login(t, svc, "student10") // from another IP
		clock.Advance(15*time.Minute + time.Second)
		if _, err := svc.Auth.Login(ctx, "student10", service.DemoPassword, attacker); err != nil {
			t.Fatalf("after the lockout: %v", err)
		}
	})

	t.Run("OKSuccessResetsAccount", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		for range 3 {
			for range 4 {
				_, err := svc.Auth.Login(ctx, "student01", "wrong-password1", client)
				wantCode(t, err, model.CodeUnauthenticated)
			}
			login(t, svc, "student01")
		}
	})

	t.Run("OKWindowExpires", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		for range 4 {
			_, err := svc.Auth.Login(ctx, "student01", "wrong-password1", client)
			wantCode(t, err, model.CodeUnauthenticated)
		}
		clock.Advance(15*time.Minute + time.Second) // window over: the count restarts
		_, err := svc.Auth.Login(ctx, "student01", "wrong-password1", client)
		wantCode(t, err, model.CodeUnauthenticated)
		login(t, svc, "student01")
	})

	t.Run("ErrRateLimitedHashingBusy", func(t *testing.T) {
		clock := servicetest.NewClock()
		opt := servicetest.Options(clock)
		opt.MaxConcurrentHashes, opt.HashWait = 1, time.Millisecond
		svc := servicetest.NewWith(t, opt)
		release, err := service.AcquireHashSlot(ctx, svc.Hasher)
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Auth.Login(ctx, "student01", service.DemoPassword, client)
		wantCode(t, err, model.CodeRateLimited)
		if model.AsError(err).RetryAfter < 1 {
			t.Fatalf("Retry-After missing: %+v", model.AsError(err))
		}
		release()
		// A busy server is not the user's failure: nothing was counted.
		for range 4 {
			release, _ := service.AcquireHashSlot(ctx, svc.Hasher)
			_, err := svc.Auth.Login(ctx, "student01", "wrong-password1", client)
			wantCode(t, err, model.CodeRateLimited)
			release()
		}
		for range 4 {
			_, err := svc.Auth.Login(ctx, "student01", "wrong-password1", client)
			wantCode(t, err, model.CodeUnauthenticated)
		}
		login(t, svc, "student01")
	})
}

func TestHasher(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		h := service.NewHasher(1024, 1, 1, time.Second)
		hash, err := h.Hash(ctx, "correct horse 1")
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := h.Verify(ctx, "correct horse 1", hash); err != nil || !ok {
			t.Fatalf("Verify(right) = %v, %v", ok, err)
		}
		if ok, err := h.Verify(ctx, "correct horse 2", hash); err != nil || ok {
			t.Fatalf("Verify(wrong) = %v, %v", ok, err)
		}
		if ok, err := h.Verify(ctx, "", ""); err != nil || ok {
			t.Fatalf("Verify(unknown user) = %v, %v", ok, err)
		}
	})

	t.Run("ErrRateLimited", func(t *testing.T) {
		h := service.NewHasher(1024, 1, 1, time.Millisecond)
		hash, err := h.Hash(ctx, "correct horse 1")
		if err != nil {
			t.Fatal(err)
		}
		release, err := service.AcquireHashSlot(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		_, err = h.Hash(ctx, "x")
		wantCode(t, err, model.CodeRateLimited)
		if model.AsError(err).RetryAfter != 1 {
			t.Fatalf("Retry-After = %d, want 1", model.AsError(err).RetryAfter)
		}
		_, err = h.Verify(ctx, "correct horse 1", hash)
		wantCode(t, err, model.CodeRateLimited)
		release()
		if ok, err := h.Verify(ctx, "correct horse 1", hash); err != nil || !ok {
			t.Fatalf("after release: %v, %v", ok, err)
		}
	})

	t.Run("OKWaitsForSlot", func(t *testing.T) {
		// A caller queued behind a busy slot gets it when it is released.
		h := service.NewHasher(1024, 1, 1, time.Hour)
		release, err := service.AcquireHashSlot(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		queued := make(chan struct{})
		go func() {
			close(queued)
			_, err := h.Hash(ctx, "x")
			done <- err
		}()
		<-queued
		select {
		case err := <-done:
			t.Fatalf("Hash finished while the only slot was held: %v", err)
		default:
		}
		release()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrUnavailable", func(t *testing.T) {
		h := service.NewHasher(1024, 1, 1, time.Hour)
		release, err := service.AcquireHashSlot(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		defer release()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err = h.Hash(cctx, "x")
		wantCode(t, err, model.CodeUnavailable)
	})
}

func TestRefresh(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		s1 := login(t, svc, "student01")
		n := auditCount(t, svc)
		clock.Advance(time.Minute)
		s2, err := svc.Auth.Refresh(ctx, s1.RefreshToken, client)
		if err != nil {
			t.Fatal(err)
		}
		if s2.RefreshToken == s1.RefreshToken || s2.AccessToken == s1.AccessToken || s2.User.Username != "student01" {
			t.Fatalf("refresh did not rotate: %+v", s2)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "auth.refresh" {
			t.Fatalf("audit action = %q", a.Action)
		}
		if _, err := svc.Auth.Authenticate(ctx, s2.AccessToken, client); err != nil {
			t.Fatal(err)
		}
		s3, err := svc.Auth.Refresh(ctx, s2.RefreshToken, client)
		if err != nil {
			t.Fatalf("second rotation: %v", err)
		}
		rts := familyTokens(t, svc, s1.User.ID)
		if len(rts) != 3 || rts[0].FamilyID != rts[2].FamilyID || rts[0].UsedAt == nil || rts[1].UsedAt == nil || rts[2].UsedAt != nil {
			t.Fatalf("tokens = %+v", rts)
		}
		for _, rt := range rts {
			if rt.TokenHash == s1.RefreshToken || rt.TokenHash == s3.RefreshToken || len(rt.TokenHash) != 64 {
				t.Fatal("refresh tokens must be stored hashed")
			}
		}
	})

	t.Run("ErrReuseRevokesFamily", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s1 := login(t, svc, "student01")
		other := login(t, svc, "student01") // a second device: another family
		s2, err := svc.Auth.Refresh(ctx, s1.RefreshToken, client)
		if err != nil {
			t.Fatal(err)
		}
		n := auditCount(t, svc)
		_, err = svc.Auth.Refresh(ctx, s1.RefreshToken, client) // replay
		wantCode(t, err, model.CodeUnauthenticated)
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "auth.refresh_reuse" {
			t.Fatalf("audit action = %q", a.Action)
		}
		_, err = svc.Auth.Refresh(ctx, s2.RefreshToken, client) // the thief's or the victim's successor
		wantCode(t, err, model.CodeUnauthenticated)
		for _, rt := range familyOf(t, svc, s1.RefreshToken) {
			if rt.RevokedAt == nil {
				t.Fatalf("token %d of the replayed family is still live", rt.ID)
			}
		}
		if _, err := svc.Auth.Refresh(ctx, other.RefreshToken, client); err != nil {
			t.Fatalf("another family must survive: %v", err)
		}
	})

	t.Run("ErrConcurrentDoubleUse", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		for round := range 5 {
			s := login(t, svc, "student01")
			var wg sync.WaitGroup
			start := make(chan struct{})
			results := make([]service.Session, 2)
			errs := make([]error, 2)
			for i := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					results[i], errs[i] = svc.Auth.Refresh(ctx, s.RefreshToken, client)
				}()
			}
			close(start)
			wg.Wait()
			won := 0
			for i := range 2 {
				if errs[i] == nil {
					won++
					if _, err := svc.Auth.Refresh(ctx, results[i].RefreshToken, client); model.ErrorCode(err) != model.CodeUnauthenticated {
						t.Fatalf("round %d: the winner's new token must die with its family, got %v", round, err)
					}
				} else {
					wantCode(t, errs[i], model.CodeUnauthenticated)
				}
			}
			if won > 1 {
				t.Fatalf("round %d: one refresh token opened %d sessions", round, won)
			}
			family := familyOf(t, svc, s.RefreshToken)
			if len(family) != 1+won {
				t.Fatalf("round %d: family has %d tokens, want %d", round, len(family), 1+won)
			}
			for _, rt := range family {
				if rt.RevokedAt == nil {
					t.Fatalf("round %d: token %d of the family is still live", round, rt.ID)
				}
			}
		}
	})

	t.Run("ErrExpired", func(t *testing.T) {
		svc, clock := servicetest.New(t) // RefreshTTL 24h
		s1 := login(t, svc, "student01")
		s2 := login(t, svc, "student02")
		clock.Advance(24*time.Hour - time.Minute)
		if _, err := svc.Auth.Refresh(ctx, s1.RefreshToken, client); err != nil {
			t.Fatalf("just before expiry: %v", err)
		}
		clock.Advance(2 * time.Minute)
		_, err := svc.Auth.Refresh(ctx, s2.RefreshToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})

	t.Run("ErrUnknownToken", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		_, err := svc.Auth.Refresh(ctx, "not-a-token", client)
		wantCode(t, err, model.CodeUnauthenticated)
	})

	t.Run("ErrUserDisabled", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s := login(t, svc, "judge01")
		if err := svc.Users.Disable(ctx, actorOf(t, svc, "admin"), s.User.ID); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Auth.Refresh(ctx, s.RefreshToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})

	t.Run("ErrRoleRemoved", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s := login(t, svc, "judge01")
		if _, err := svc.Users.SetRoles(ctx, actorOf(t, svc, "admin"), s.User.ID, nil); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Auth.Refresh(ctx, s.RefreshToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})
}

func TestLogout(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s1 := login(t, svc, "student01")
		s2, err := svc.Auth.Refresh(ctx, s1.RefreshToken, client)
		if err != nil {
			t.Fatal(err)
		}
		actor := actorOf(t, svc, "student01")
		n := auditCount(t, svc)
		if err := svc.Auth.Logout(ctx, actor, s2.RefreshToken); err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, svc, n, 1)
		if a := lastAudit(t, svc); a.Action != "auth.logout" {
			t.Fatalf("audit action = %q", a.Action)
		}
		_, err = svc.Auth.Refresh(ctx, s2.RefreshToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
		// Logging out twice (or with an unknown token) is fine and silent.
		if err := svc.Auth.Logout(ctx, actor, s2.RefreshToken); err != nil {
			t.Fatal(err)
		}
		if err := svc.Auth.Logout(ctx, actor, "unknown"); err != nil {
			t.Fatal(err)
		}
		wantAuditDelta(t, svc, n, 1) // a dead family has nothing left to revoke
	})

	t.Run("OKOtherUsersTokenIgnored", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		victim := login(t, svc, "student01")
		if err := svc.Auth.Logout(ctx, actorOf(t, svc, "student02"), victim.RefreshToken); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Auth.Refresh(ctx, victim.RefreshToken, client); err != nil {
			t.Fatalf("another user's logout revoked the session: %v", err)
		}
	})
}

func TestAuthenticate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		s := login(t, svc, "viewer_gdpt")
		clock.Advance(15 * time.Minute) // exactly at expiry, within leeway
		a, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		if err != nil {
			t.Fatal(err)
		}
		if a.Username != "viewer_gdpt" || !a.HasIn(model.RoleCollegeViewer, model.DomainAll) || a.CollegeID == nil {
			t.Fatalf("actor = %+v", a)
		}
	})

	t.Run("ErrExpired", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		s := login(t, svc, "student01")
		clock.Advance(15*time.Minute + 6*time.Second) // past the 5 s leeway
		_, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})

	t.Run("ErrBadToken", func(t *testing.T) {
		svc, clock := servicetest.New(t)
		opt := servicetest.Options(clock)
		uid := userID(t, svc, "student01")
		forge := func(secret []byte, iss, aud string) string {
			tok, _, err := service.NewTokenSigner(secret, iss, aud, 15*time.Minute, clock.Now).Issue(uid, 1)
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		claims := jwt.MapClaims{"iss": opt.JWTIssuer, "aud": opt.JWTAudience, "sub": "1", "ver": 1,
			"iat": clock.Now().Unix(), "exp": clock.Now().Add(time.Minute).Unix()}
		hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims).SignedString(opt.JWTSecret)
		none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
		noExp := jwt.MapClaims{"iss": opt.JWTIssuer, "aud": opt.JWTAudience, "sub": "1", "ver": 1}
		noExpTok, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, noExp).SignedString(opt.JWTSecret)
		for name, tok := range map[string]string{
			"garbage":      "not.a.jwt",
			"empty":        "",
			"other secret": forge([]byte("another-secret-another-secret-12345"), opt.JWTIssuer, opt.JWTAudience),
			"issuer":       forge(opt.JWTSecret, "someone-else", opt.JWTAudience),
			"audience":     forge(opt.JWTSecret, opt.JWTIssuer, "other-api"),
			"HS512":        hs512,
			"alg none":     none,
			"no exp":       noExpTok,
		} {
			_, err := svc.Auth.Authenticate(ctx, tok, client)
			if model.ErrorCode(err) != model.CodeUnauthenticated {
				t.Errorf("%s: got %v, want unauthenticated", name, err)
			}
		}
		// The control: a token from the right signer passes.
		if _, err := svc.Auth.Authenticate(ctx, forge(opt.JWTSecret, opt.JWTIssuer, opt.JWTAudience), client); err != nil {
			t.Fatalf("control token refused: %v", err)
		}
	})

	t.Run("ErrDisabled", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s := login(t, svc, "judge01")
		if err := svc.Users.Disable(ctx, actorOf(t, svc, "admin"), s.User.ID); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
		// Re-enabling does not bring the old token back: its version is gone.
		active := model.UserActive
		u := userByName(t, svc, "judge01")
		if _, err := svc.Users.Update(ctx, actorOf(t, svc, "admin"), u.ID, service.UserUpdate{Status: &active, Version: u.Version}); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Auth.Authenticate(ctx, s.AccessToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})

	t.Run("ErrRoleRemoved", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		admin := actorOf(t, svc, "admin")
		s := login(t, svc, "judge01")
		// Adding a role keeps the session.
		more := []service.RoleBinding{{Role: model.RoleJudge, Domain: model.DomainAll}, {Role: model.RoleBaseManager, Domain: "base:2"}}
		if _, err := svc.Users.SetRoles(ctx, admin, s.User.ID, more); err != nil {
			t.Fatal(err)
		}
		a, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		if err != nil {
			t.Fatalf("adding a role must not end the session: %v", err)
		}
		if !a.HasIn(model.RoleBaseManager, "base:2") {
			t.Fatalf("new role not visible: %+v", a.Roles)
		}
		// Removing one ends it at once.
		if _, err := svc.Users.SetRoles(ctx, admin, s.User.ID, more[1:]); err != nil {
			t.Fatal(err)
		}
		_, err = svc.Auth.Authenticate(ctx, s.AccessToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
		// A fresh login carries the new version.
		s2 := login(t, svc, "judge01")
		if _, err := svc.Auth.Authenticate(ctx, s2.AccessToken, client); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrPasswordChanged", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s := login(t, svc, "student01")
		if err := svc.Users.ChangePassword(ctx, actorOf(t, svc, "student01"), service.DemoPassword, "N3w-password!"); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
		_, err = svc.Auth.Refresh(ctx, s.RefreshToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})

	t.Run("ErrDeletedUser", func(t *testing.T) {
		svc, _ := servicetest.New(t)
		s := login(t, svc, "officer") // no team or base refers to the officer
		if err := svc.DB.Exec("DELETE FROM users WHERE id = ?", s.User.ID).Error; err != nil {
			t.Fatal(err)
		}
		_, err := svc.Auth.Authenticate(ctx, s.AccessToken, client)
		wantCode(t, err, model.CodeUnauthenticated)
	})
}

func TestLoginClientHeaders(t *testing.T) {
	// Client-supplied headers are stored; MySQL's utf8mb4 columns refuse
	// invalid UTF-8 and a rune cut in half by truncation.
	svc, _ := servicetest.New(t)
	for name, ua := range map[string]string{
		"long UTF-8": "a" + strings.Repeat("浏览器", 40),
		"Latin-1":    "Mozilla \xe9t\xe9",
		"emoji":      strings.Repeat("🚀", 70),
	} {
		s, err := svc.Auth.Login(ctx, "student01", service.DemoPassword, service.Client{IP: "192.0.2.9", UserAgent: ua})
		if err != nil {
			t.Fatalf("%s user agent: %v", name, err)
		}
		family := familyOf(t, svc, s.RefreshToken)
		stored := family[len(family)-1].UserAgent
		if !utf8.ValidString(stored) || len(stored) > 255 || stored == "" {
			t.Fatalf("%s: stored user agent %q (%d bytes)", name, stored, len(stored))
		}
	}
}
