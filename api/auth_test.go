package api

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"incubator/model"
	"incubator/service"
)

func loginBody(username, password string) map[string]string {
	return map[string]string{"username": username, "password": password}
}

// expectSignedOut checks that the access token is refused.
func expectSignedOut(t *testing.T, ts *testServer, access string) {
	t.Helper()
	expectProblem(t, ts.do(t, "GET", "/api/v1/me", access, nil), http.StatusUnauthorized, "unauthenticated")
}

// expectRefreshRefused checks that the refresh token is refused.
func expectRefreshRefused(t *testing.T, ts *testServer, refresh string) {
	t.Helper()
	expectProblem(t, ts.do(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": refresh}), http.StatusUnauthorized, "unauthenticated")
}

func TestLogin(t *testing.T) {
	ts := newTestServer(t)

	t.Run("OK", func(t *testing.T) {
		rec := ts.do(t, "POST", "/api/v1/auth/login", "", loginBody("judge01", demoPassword))
		s := expectJSON[session](t, rec, http.StatusOK)
		if s.AccessToken == "" || s.RefreshToken == "" || s.TokenType != "Bearer" || s.ExpiresIn != 15*60 {
			t.Fatalf("session = %+v", s)
		}
		if s.User.Username != "judge01" || len(s.User.Roles) != 1 || s.User.Roles[0].Role != model.RoleJudge {
			t.Fatalf("user = %+v", s.User)
		}
		me := expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", s.AccessToken, nil), http.StatusOK)
		if me.ID != s.User.ID || len(me.Permissions) == 0 {
			t.Fatalf("me = %+v", me)
		}
	})

	t.Run("ErrUnauthenticatedSameAnswer", func(t *testing.T) {
		wrongPassword := expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login",
			Body: loginBody("judge02", "Wrong@2024"), RemoteAddr: "203.0.113.1:1"}), http.StatusUnauthorized, "unauthenticated")
		unknownUser := expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login",
			Body: loginBody("no_such_user", demoPassword), RemoteAddr: "203.0.113.1:1"}), http.StatusUnauthorized, "unauthenticated")
		if wrongPassword.Detail != unknownUser.Detail || wrongPassword.Title != unknownUser.Title || wrongPassword.Type != unknownUser.Type {
			t.Fatalf("answers differ:\n%+v\n%+v", wrongPassword, unknownUser)
		}
		if wrongPassword.Detail == "" {
			t.Fatal("empty detail")
		}
	})

	t.Run("ErrUnauthenticatedDisabledUser", func(t *testing.T) {
		admin := ts.login(t, "admin")
		id := ts.userID(t, admin.AccessToken, "judge03")
		if rec := ts.do(t, "DELETE", fmt.Sprintf("/api/v1/users/%d", id), admin.AccessToken, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("disable: %d %s", rec.Code, rec.Body)
		}
		expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login",
			Body: loginBody("judge03", demoPassword), RemoteAddr: "203.0.113.2:1"}), http.StatusUnauthorized, "unauthenticated")
	})

	t.Run("ErrRateLimitedPerAccount", func(t *testing.T) {
		// Each attempt from another address: the account limit alone trips.
		for i := range 5 {
			expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login",
				Body: loginBody("student05", "Wrong@2024"), RemoteAddr: fmt.Sprintf("203.0.113.%d:1", 10+i)}), http.StatusUnauthorized, "unauthenticated")
		}
		rec := ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", Body: loginBody("student05", demoPassword), RemoteAddr: "203.0.113.99:1"})
		expectProblem(t, rec, http.StatusTooManyRequests, "rate_limited")
		if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s <= 0 {
			t.Fatalf("Retry-After = %q", rec.Header().Get("Retry-After"))
		}
		// Other accounts are not affected.
		ts.login(t, "student06")
	})

	t.Run("ErrRateLimitedPerIPDespiteForwardedFor", func(t *testing.T) {
		// No trusted proxies: X-Forwarded-For is ignored, so varying it
		// does not give each attempt a new address.
		const addr = "198.51.100.7:4444"
		limit := ts.sopt.MaxFailuresPerIP
		for i := range limit {
			rec := ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", RemoteAddr: addr,
				Body:   loginBody(fmt.Sprintf("student%02d", 20+i), "Wrong@2024"),
				Header: map[string]string{"X-Forwarded-For": fmt.Sprintf("10.1.%d.%d", i, i+1), "X-Real-IP": fmt.Sprintf("10.2.%d.1", i)}})
			expectProblem(t, rec, http.StatusUnauthorized, "unauthenticated")
		}
		rec := ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", RemoteAddr: addr,
			Body: loginBody("student50", demoPassword), Header: map[string]string{"X-Forwarded-For": "10.9.9.9"}})
		expectProblem(t, rec, http.StatusTooManyRequests, "rate_limited")
		if rec.Header().Get("Retry-After") == "" {
			t.Fatal("no Retry-After")
		}
		// The same account from another address signs in.
		rec = ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", RemoteAddr: "198.51.100.8:1", Body: loginBody("student50", demoPassword)})
		expectJSON[session](t, rec, http.StatusOK)
	})

	t.Run("LockoutEnds", func(t *testing.T) {
		for range 5 {
			ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", Body: loginBody("student07", "Wrong@2024"), RemoteAddr: "203.0.113.50:1"})
		}
		expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", Body: loginBody("student07", demoPassword), RemoteAddr: "203.0.113.51:1"}),
			http.StatusTooManyRequests, "rate_limited")
		ts.clock.Advance(ts.sopt.LockoutFor + time.Second)
		ts.login(t, "student07")
	})
}

func TestTokens(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.login(t, "admin")

	t.Run("RefreshRotates", func(t *testing.T) {
		s1 := ts.login(t, "student10")
		s2 := expectJSON[session](t, ts.do(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": s1.RefreshToken}), http.StatusOK)
		if s2.RefreshToken == s1.RefreshToken || s2.AccessToken == "" {
			t.Fatalf("refresh did not rotate: %+v", s2)
		}
		expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", s2.AccessToken, nil), http.StatusOK)
		// The old token is dead, and presenting it again revokes the chain:
		// the newest token stops working too.
		expectRefreshRefused(t, ts, s1.RefreshToken)
		expectRefreshRefused(t, ts, s2.RefreshToken)
		// A new login opens a new, working chain.
		s3 := ts.login(t, "student10")
		expectJSON[session](t, ts.do(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": s3.RefreshToken}), http.StatusOK)
	})

	t.Run("ErrRefreshUnknown", func(t *testing.T) {
		expectRefreshRefused(t, ts, "bm90LWEtcmVhbC1yZWZyZXNoLXRva2Vu")
	})

	t.Run("ErrRefreshExpired", func(t *testing.T) {
		ts2 := newTestServer(t)
		s := ts2.login(t, "student11")
		ts2.clock.Advance(ts2.sopt.RefreshTTL + time.Minute)
		expectRefreshRefused(t, ts2, s.RefreshToken)
	})

	t.Run("LogoutRevokesChain", func(t *testing.T) {
		s1 := ts.login(t, "student12")
		s2 := expectJSON[session](t, ts.do(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": s1.RefreshToken}), http.StatusOK)
		rec := ts.do(t, "POST", "/api/v1/auth/logout", s2.AccessToken, map[string]string{"refresh_token": s2.RefreshToken})
		if rec.Code != http.StatusNoContent {
			t.Fatalf("logout: %d %s", rec.Code, rec.Body)
		}
		expectRefreshRefused(t, ts, s2.RefreshToken)
		// Logging out twice is fine.
		if rec := ts.do(t, "POST", "/api/v1/auth/logout", s2.AccessToken, map[string]string{"refresh_token": s2.RefreshToken}); rec.Code != http.StatusNoContent {
			t.Fatalf("second logout: %d %s", rec.Code, rec.Body)
		}
	})

	t.Run("ErrLogoutOtherUsersToken", func(t *testing.T) {
		victim := ts.login(t, "student13")
		attacker := ts.login(t, "student14")
		ts.do(t, "POST", "/api/v1/auth/logout", attacker.AccessToken, map[string]string{"refresh_token": victim.RefreshToken})
		expectJSON[session](t, ts.do(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": victim.RefreshToken}), http.StatusOK)
	})

	t.Run("DisableUserKillsAccessToken", func(t *testing.T) {
		s := ts.login(t, "student15")
		expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", s.AccessToken, nil), http.StatusOK)
		rec := ts.do(t, "DELETE", fmt.Sprintf("/api/v1/users/%d", s.User.ID), admin.AccessToken, nil)
		if rec.Code != http.StatusNoContent {
			t.Fatalf("disable: %d %s", rec.Code, rec.Body)
		}
		expectSignedOut(t, ts, s.AccessToken)
		expectRefreshRefused(t, ts, s.RefreshToken)
	})

	t.Run("RemovingARoleKillsTokens", func(t *testing.T) {
		s := ts.login(t, "judge05")
		roles := []roleBinding{{Role: model.RoleStudent, Domain: "*"}}
		rec := ts.do(t, "PUT", fmt.Sprintf("/api/v1/users/%d/roles", s.User.ID), admin.AccessToken, roles)
		expectJSON[[]service.RoleBinding](t, rec, http.StatusOK)
		expectSignedOut(t, ts, s.AccessToken)
		expectRefreshRefused(t, ts, s.RefreshToken)
		again := ts.login(t, "judge05")
		if len(again.User.Roles) != 1 || again.User.Roles[0].Role != model.RoleStudent {
			t.Fatalf("roles after change: %+v", again.User.Roles)
		}
	})

	t.Run("AddingARoleKeepsTokens", func(t *testing.T) {
		s := ts.login(t, "judge06")
		roles := []roleBinding{{Role: model.RoleJudge, Domain: "*"}, {Role: model.RoleBaseManager, Domain: "base:2"}}
		expectJSON[[]service.RoleBinding](t, ts.do(t, "PUT", fmt.Sprintf("/api/v1/users/%d/roles", s.User.ID), admin.AccessToken, roles), http.StatusOK)
		me := expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", s.AccessToken, nil), http.StatusOK)
		if len(me.Roles) != 2 {
			t.Fatalf("roles = %+v", me.Roles)
		}
	})

	t.Run("PasswordChangeEndsSessions", func(t *testing.T) {
		s := ts.login(t, "student16")
		other := ts.login(t, "student16") // a second device
		const newPassword = "N3w-Password-16"
		expectProblem(t, ts.do(t, "POST", "/api/v1/me/password", s.AccessToken,
			map[string]string{"old_password": "Wrong@2024", "new_password": newPassword}), http.StatusBadRequest, "invalid")
		rec := ts.do(t, "POST", "/api/v1/me/password", s.AccessToken, map[string]string{"old_password": demoPassword, "new_password": newPassword})
		if rec.Code != http.StatusNoContent {
			t.Fatalf("change password: %d %s", rec.Code, rec.Body)
		}
		expectSignedOut(t, ts, s.AccessToken)
		expectSignedOut(t, ts, other.AccessToken)
		expectRefreshRefused(t, ts, other.RefreshToken)
		expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", Body: loginBody("student16", demoPassword), RemoteAddr: "203.0.113.77:1"}),
			http.StatusUnauthorized, "unauthenticated")
		ts.login(t, "student16", newPassword)
	})
}

// forge signs claims with key and method (nil key for "none").
func forge(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

func TestAccessTokens(t *testing.T) {
	ts := newTestServer(t)
	s := ts.login(t, "student20")
	secret := ts.sopt.JWTSecret
	now := ts.clock.Now()
	claims := func(change func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{
			"iss": ts.sopt.JWTIssuer, "aud": []string{ts.sopt.JWTAudience}, "sub": strconv.Itoa(int(s.User.ID)),
			"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "ver": 1,
		}
		if change != nil {
			change(c)
		}
		return c
	}

	t.Run("OK", func(t *testing.T) {
		// The forging machinery is right: a well-made token is accepted, so
		// the refusals below are for the reason named.
		tok := forge(t, jwt.SigningMethodHS256, secret, claims(nil))
		me := expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", tok, nil), http.StatusOK)
		if me.Username != "student20" {
			t.Fatalf("me = %s", me.Username)
		}
	})

	cases := map[string]string{
		"AlgNone":       forge(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(nil)),
		"OtherKey":      forge(t, jwt.SigningMethodHS256, []byte("another-secret-another-secret-1234"), claims(nil)),
		"HS512":         forge(t, jwt.SigningMethodHS512, secret, claims(nil)),
		"WrongIssuer":   forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["iss"] = "someone-else" })),
		"WrongAudience": forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["aud"] = []string{"other-api"} })),
		"NoExpiry":      forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { delete(c, "exp") })),
		"Expired":       forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() })),
		"NotYetValid":   forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Hour).Unix() })),
		"OldVersion":    forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["ver"] = 0 })),
		"UnknownUser":   forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["sub"] = "999999" })),
		"NoSubject":     forge(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { delete(c, "sub") })),
		"Garbage":       "a.b.c",
	}
	for name, tok := range cases {
		t.Run("ErrUnauthenticated"+name, func(t *testing.T) {
			expectSignedOut(t, ts, tok)
		})
	}

	t.Run("ErrUnauthenticatedBasicScheme", func(t *testing.T) {
		rec := ts.send(t, request{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": "Basic " + s.AccessToken}})
		expectProblem(t, rec, http.StatusUnauthorized, "unauthenticated")
	})

	t.Run("ErrUnauthenticatedExpired", func(t *testing.T) {
		// Last: it moves the clock past the real token's lifetime.
		expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", s.AccessToken, nil), http.StatusOK)
		ts.clock.Advance(ts.sopt.AccessTTL + time.Minute)
		p := expectProblem(t, ts.do(t, "GET", "/api/v1/me", s.AccessToken, nil), http.StatusUnauthorized, "unauthenticated")
		if p.Detail != "access token expired" {
			t.Errorf("detail = %q", p.Detail)
		}
		// The refresh token still opens a new session.
		s2 := expectJSON[session](t, ts.do(t, "POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": s.RefreshToken}), http.StatusOK)
		expectJSON[service.Me](t, ts.do(t, "GET", "/api/v1/me", s2.AccessToken, nil), http.StatusOK)
	})
}

func registration(username string) map[string]any {
	return map[string]any{
		"username": username, "password": "Reg1ster-" + username, "name": "新同学", "college_id": 1,
		"student_no": "GDPT9001", "major": "软件技术", "graduation_year": 2028,
	}
}

func TestRegister(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		ts := newTestServer(t)
		opts := expectJSON[service.RegistrationOptions](t, ts.do(t, "GET", "/api/v1/auth/register", "", nil), http.StatusOK)
		if !opts.Enabled || len(opts.Colleges) == 0 {
			t.Fatalf("options = %+v", opts)
		}
		u := expectJSON[service.UserView](t, ts.do(t, "POST", "/api/v1/auth/register", "", registration("newstudent")), http.StatusCreated)
		if u.Username != "newstudent" || u.Status != model.UserActive || len(u.Roles) != 1 || u.Roles[0] != (service.RoleBinding{Role: model.RoleStudent, Domain: "*"}) {
			t.Fatalf("registered = %+v", u)
		}
		s := ts.login(t, "newstudent", "Reg1ster-newstudent")
		if s.User.ID != u.ID {
			t.Fatalf("login user %d, registered %d", s.User.ID, u.ID)
		}
		// A student, not more: admin routes stay closed.
		expectProblem(t, ts.do(t, "GET", "/api/v1/users", s.AccessToken, nil), http.StatusForbidden, "forbidden")

		t.Run("ErrUsernameTaken", func(t *testing.T) {
			p := expectProblem(t, ts.do(t, "POST", "/api/v1/auth/register", "", registration("newstudent")), http.StatusBadRequest, "invalid")
			if !hasField(p, "username") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
		t.Run("ErrUnknownCollege", func(t *testing.T) {
			r := registration("otherstudent")
			r["college_id"] = 9999
			p := expectProblem(t, ts.do(t, "POST", "/api/v1/auth/register", "", r), http.StatusBadRequest, "invalid")
			if !hasField(p, "college_id") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
		t.Run("ErrWeakPassword", func(t *testing.T) {
			r := registration("weakstudent")
			r["password"] = "password"
			p := expectProblem(t, ts.do(t, "POST", "/api/v1/auth/register", "", r), http.StatusBadRequest, "invalid")
			if !hasField(p, "password") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
	})

	t.Run("ErrForbiddenWhenSwitchedOff", func(t *testing.T) {
		ts := newTestServer(t, serverConfig{svc: func(o *service.Options) { o.AllowRegistration = false }})
		opts := expectJSON[service.RegistrationOptions](t, ts.do(t, "GET", "/api/v1/auth/register", "", nil), http.StatusOK)
		if opts.Enabled || len(opts.Colleges) != 0 {
			t.Fatalf("options = %+v", opts)
		}
		expectProblem(t, ts.do(t, "POST", "/api/v1/auth/register", "", registration("closedstudent")), http.StatusForbidden, "forbidden")
		expectProblem(t, ts.send(t, request{Method: "POST", Path: "/api/v1/auth/login", Body: loginBody("closedstudent", "Reg1ster-closedstudent")}),
			http.StatusUnauthorized, "unauthenticated")
	})
}
