package api

import (
	"testing"
)

// Every transfer route must be a registered route: a renamed route would
// silently fall back to the short request timeout.
func TestTransferRoutesAreRegistered(t *testing.T) {
	ts := newTestServer(t)
	registered := map[string]bool{}
	for _, r := range ts.srv.Routes() {
		registered[r.Method+" "+r.Path] = true
	}
	for key := range transferRoutes {
		if !registered[key] {
			t.Errorf("transfer route %q is not registered", key)
		}
	}
	if ts.srv.opt.TransferTimeout <= ts.srv.opt.RequestTimeout {
		t.Errorf("transfer timeout %s must exceed the request timeout %s", ts.srv.opt.TransferTimeout, ts.srv.opt.RequestTimeout)
	}
}
