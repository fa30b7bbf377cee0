package service_test

import (
	"testing"

	"incubator/model"
	"incubator/service"
)

// resMove is one action on an application, as a test calls it.
type resMove func(w *resWorld, a resApp, by service.Actor) error

var resMoves = map[string]resMove{
	"update": func(w *resWorld, a resApp, by service.Actor) error {
		v, err := w.svc.Residency.GetApplication(ctx, w.admin, a.ID)
		if err != nil {
			return err
		}
		plan := "修改后的入驻计划"
		_, err = w.svc.Residency.UpdateApplication(ctx, by, a.ID, service.ResidencyApplicationUpdate{Plan: &plan, Version: v.Version})
		return err
	},
	"submit":  func(w *resWorld, a resApp, by service.Actor) error { return w.submit(resApp{ID: a.ID, Member: by})() },
	"review":  func(w *resWorld, a resApp, by service.Actor) error { return w.review(a, by, 90)() },
	"approve": func(w *resWorld, a resApp, by service.Actor) error { return w.approve(a, by)() },
	"reject":  func(w *resWorld, a resApp, by service.Actor) error { return w.reject(a, by)() },
	"return":  func(w *resWorld, a resApp, by service.Actor) error { return w.ret(a, by)() },
	"admit":   func(w *resWorld, a resApp, by service.Actor) error { return w.admit(a, by)() },
}

// Who makes a move in the table.
const (
	resByMember       = "member"
	resByManager      = "manager"
	resByAdmin        = "admin"
	resByOtherManager = "other_manager"
	resByOtherStudent = "other_student"
	resByViewer       = "viewer"
)

func TestApplicationTransitions(t *testing.T) {
	w := newResWorld(t)
	const (
		draft, submitted, reviewing = model.AppDraft, model.AppSubmitted, model.AppReviewing
		approved, rejected          = model.AppApproved, model.AppRejected
		returned, admitted          = model.AppReturned, model.AppAdmitted
	)
	cases := []struct {
		name   string
		from   string
		move   string
		by     string
		code   model.Code // "" = succeeds
		to     string     // state after a successful move
		baseID uint
	}{
		// Legal moves.
		{"OKUpdateDraft", draft, "update", resByMember, "", draft, 0},
		{"OKUpdateReturned", returned, "update", resByMember, "", returned, 0},
		{"OKSubmitDraft", draft, "submit", resByMember, "", submitted, 0},
		{"OKResubmitReturned", returned, "submit", resByMember, "", submitted, 0},
		{"OKReviewSubmitted", submitted, "review", resByManager, "", reviewing, 0},
		{"OKReviewReviewing", reviewing, "review", resByAdmin, "", reviewing, 0},
		{"OKReviewOtherBase", submitted, "review", resByManager, "", reviewing, service.DemoBaseGDKM},
		{"OKApproveReviewing", reviewing, "approve", resByManager, "", approved, 0},
		{"OKRejectSubmitted", submitted, "reject", resByManager, "", rejected, 0},
		{"OKRejectReviewing", reviewing, "reject", resByAdmin, "", rejected, 0},
		{"OKReturnSubmitted", submitted, "return", resByManager, "", returned, 0},
		{"OKReturnReviewing", reviewing, "return", resByManager, "", returned, 0},
		{"OKAdmitApproved", approved, "admit", resByManager, "", admitted, 0},
		{"OKAdmitByAdmin", approved, "admit", resByAdmin, "", admitted, service.DemoBaseGDKM},
		// Illegal moves: the state does not allow them.
		{"ErrUpdateSubmitted", submitted, "update", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrUpdateApproved", approved, "update", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrSubmitSubmitted", submitted, "submit", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrSubmitReviewing", reviewing, "submit", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrSubmitApproved", approved, "submit", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrSubmitRejected", rejected, "submit", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrSubmitAdmitted", admitted, "submit", resByMember, model.CodeFailedPrecondition, "", 0},
		{"ErrReviewDraft", draft, "review", resByAdmin, model.CodeFailedPrecondition, "", 0},
		{"ErrReviewApproved", approved, "review", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrReviewRejected", rejected, "review", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrReviewReturned", returned, "review", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrApproveDraft", draft, "approve", resByAdmin, model.CodeFailedPrecondition, "", 0},
		{"ErrApproveSubmitted", submitted, "approve", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrApproveApproved", approved, "approve", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrApproveRejected", rejected, "approve", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrApproveReturned", returned, "approve", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrRejectApproved", approved, "reject", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrRejectRejected", rejected, "reject", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrRejectReturned", returned, "reject", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrRejectAdmitted", admitted, "reject", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrReturnDraft", draft, "return", resByAdmin, model.CodeFailedPrecondition, "", 0},
		{"ErrReturnApproved", approved, "return", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrAdmitSubmitted", submitted, "admit", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrAdmitReviewing", reviewing, "admit", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrAdmitRejected", rejected, "admit", resByManager, model.CodeFailedPrecondition, "", 0},
		{"ErrAdmitAdmitted", admitted, "admit", resByManager, model.CodeFailedPrecondition, "", 0},
		// Who may move: invisible → not_found, visible but not theirs → forbidden.
		{"ErrNotFoundDraftForManager", draft, "review", resByManager, model.CodeNotFound, "", 0},
		{"ErrNotFoundOtherManager", submitted, "review", resByOtherManager, model.CodeNotFound, "", 0},
		{"ErrNotFoundOtherManagerAdmit", approved, "admit", resByOtherManager, model.CodeNotFound, "", 0},
		{"ErrNotFoundOtherStudent", draft, "submit", resByOtherStudent, model.CodeNotFound, "", 0},
		{"ErrForbiddenManagerSubmits", returned, "submit", resByManager, model.CodeForbidden, "", 0},
		{"ErrForbiddenViewerUpdates", draft, "update", resByViewer, model.CodeForbidden, "", 0},
		{"OKAdminSubmitsForTheTeam", draft, "submit", resByAdmin, "", submitted, 0},
		{"ErrForbiddenMemberApproves", reviewing, "approve", resByMember, model.CodeForbidden, "", 0},
		{"ErrForbiddenViewerReviews", submitted, "review", resByViewer, model.CodeForbidden, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := c.baseID
			if base == 0 {
				base = service.DemoBaseGDPT
			}
			a := w.resAppIn(t, base, c.from)
			other := uint(service.DemoBaseGDKM)
			if base == service.DemoBaseGDKM {
				other = service.DemoBaseGDPT
			}
			by := map[string]service.Actor{
				resByMember: a.Member, resByManager: w.manager(base), resByAdmin: w.admin, resByOtherManager: w.manager(other), resByViewer: w.viewer,
			}[c.by]
			if c.by == resByOtherStudent {
				_, ms := w.resTeam(t, base, 1)
				by = ms[0]
			}
			audits := auditCount(t, w.svc)
			err := resMoves[c.move](w, a, by)
			if c.code != "" {
				wantCode(t, err, c.code)
				if got := w.appStatus(t, a.ID); got != c.from {
					t.Fatalf("status after a refused %s = %s, want %s unchanged", c.move, got, c.from)
				}
				wantAuditDelta(t, w.svc, audits, 0)
				return
			}
			if err != nil {
				t.Fatalf("%s from %s: %v", c.move, c.from, err)
			}
			if got := w.appStatus(t, a.ID); got != c.to {
				t.Fatalf("status = %s, want %s", got, c.to)
			}
			if c.move == "admit" {
				wantAuditDelta(t, w.svc, audits, 2) // the application's move and the new residency
			} else {
				wantAuditDelta(t, w.svc, audits, 1)
				if r := lastAudit(t, w.svc); r.Action != "residency_application."+c.move && !(c.move == "update" && r.Action == "residency_application.updated") {
					t.Fatalf("audit action = %s", r.Action)
				}
			}
		})
	}
}
