package service_test

import (
	"testing"
	"time"

	"incubator/config"
	"incubator/model"
	"incubator/service"
	"incubator/service/servicetest"
)

// benchRoute is a route the student holds through their own role (not
// through "authenticated"), so Allowed takes its longest successful path:
// the "authenticated" check misses, then the student's domain hits.
const benchRoute = "/api/v1/projects"

// authBench is a seeded database, a signer with the test secret, a real
// access token of student01 and the student's actor.
type authBench struct {
	svc    *service.Services
	signer *service.TokenSigner
	token  string
	actor  service.Actor
}

func newAuthBench(b *testing.B) authBench {
	b.Helper()
	clock := servicetest.NewClock()
	opt := servicetest.Options(clock)
	svc := servicetest.NewWith(b, opt)
	addPolicy(b, svc, model.RoleStudent, model.DomainAll, benchRoute, "GET")
	signer := service.NewTokenSigner(opt.JWTSecret, opt.JWTIssuer, opt.JWTAudience, opt.AccessTTL, clock.Now)
	actor := actorOf(b, svc, "student01")
	token, _, err := signer.Issue(actor.UserID, 1)
	if err != nil {
		b.Fatal(err)
	}
	if id, _, err := signer.Verify(token); err != nil || id != actor.UserID {
		b.Fatalf("Verify = %d, %v", id, err)
	}
	if !svc.Authz.Allowed(actor, benchRoute, "GET") || svc.Authz.Allowed(actor, "/api/v1/users", "GET") {
		b.Fatal("the student's permissions are not as the benchmark assumes")
	}
	return authBench{svc: svc, signer: signer, token: token, actor: actor}
}

// BenchmarkAuthChain is the per-request authentication and route check:
// verify a real HS256 access token, then ask the cached enforcer. The goal
// is under 10 µs per request. The user's token-version read is not part of
// it (see BenchmarkAuthenticate).
func BenchmarkAuthChain(b *testing.B) {
	ab := newAuthBench(b)
	b.ReportAllocs()
	for b.Loop() {
		id, _, err := ab.signer.Verify(ab.token)
		if err != nil || id != ab.actor.UserID {
			b.Fatal(err)
		}
		if !ab.svc.Authz.Allowed(ab.actor, benchRoute, "GET") {
			b.Fatal("denied")
		}
	}
}

// BenchmarkJWTVerify is TokenSigner.Verify of a real HS256 access token.
func BenchmarkJWTVerify(b *testing.B) {
	ab := newAuthBench(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ab.signer.Verify(ab.token); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorizerAllowed is one route check with a warm decision cache.
func BenchmarkAuthorizerAllowed(b *testing.B) {
	ab := newAuthBench(b)
	b.ReportAllocs()
	for b.Loop() {
		if !ab.svc.Authz.Allowed(ab.actor, benchRoute, "GET") {
			b.Fatal("denied")
		}
	}
}

// BenchmarkAuthorizerAllowedParallel is the route check under concurrent
// requests (the enforcer is synchronized).
func BenchmarkAuthorizerAllowedParallel(b *testing.B) {
	ab := newAuthBench(b)
	b.ReportAllocs()
	b.ResetTimer() // RunParallel, unlike b.Loop, times the setup too
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if !ab.svc.Authz.Allowed(ab.actor, benchRoute, "GET") {
				b.Error("denied")
				return
			}
		}
	})
}

// BenchmarkAuthenticate is Auth.Authenticate: token verification plus the
// database read of the user's status and token version (reported apart
// from the auth chain; it depends on the engine, see TEST_DB).
func BenchmarkAuthenticate(b *testing.B) {
	svc, _ := servicetest.New(b)
	s := login(b, svc, "student01")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Auth.Authenticate(ctx, s.AccessToken, client); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoginHash is one argon2id hash at the production cost
// (config.Default: 19 MiB, t=2), the CPU price of each sign-in.
func BenchmarkLoginHash(b *testing.B) {
	def := config.Default().Auth
	h := service.NewHasher(def.Argon2MemoryKiB, def.Argon2Time, 1, time.Minute)
	if def.Argon2MemoryKiB != 19*1024 || def.Argon2Time != 2 {
		b.Fatalf("production argon2 cost changed: %d KiB, t=%d", def.Argon2MemoryKiB, def.Argon2Time)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Hash(ctx, service.DemoPassword); err != nil {
			b.Fatal(err)
		}
	}
}
