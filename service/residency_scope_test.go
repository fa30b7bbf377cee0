package service_test

import (
	"slices"
	"testing"

	"incubator/model"
	"incubator/service"
)

func TestResidencyScoping(t *testing.T) {
	w := newResWorld(t)
	draft2 := w.resAppIn(t, service.DemoBaseGDPT, model.AppDraft)
	sub2 := w.resAppIn(t, service.DemoBaseGDPT, model.AppSubmitted)
	sub3 := w.resAppIn(t, service.DemoBaseGDKM, model.AppSubmitted)
	adm2 := w.resAppIn(t, service.DemoBaseGDPT, model.AppAdmitted)
	adm3 := w.resAppIn(t, service.DemoBaseGDKM, model.AppAdmitted)
	res2, res3 := w.residencyOf(t, adm2.ID), w.residencyOf(t, adm3.ID)

	actors := map[string]service.Actor{
		"admin": w.admin, "manager_gdpt": w.mgr2, "manager_gdkm": w.mgr3, "viewer_gdpt": w.viewer, "judge": w.judge,
		"member_draft2": draft2.Member, "member_sub3": sub3.Member, "member_adm2": adm2.Member,
	}
	// sees lists, per object, who may see it; everyone else gets not_found.
	apps := []struct {
		name string
		id   uint
		sees []string
	}{
		{"Draft2", draft2.ID, []string{"admin", "viewer_gdpt", "member_draft2"}},
		{"Submitted2", sub2.ID, []string{"admin", "viewer_gdpt", "manager_gdpt"}},
		{"Submitted3", sub3.ID, []string{"admin", "manager_gdkm", "member_sub3"}},
		{"Admitted2", adm2.ID, []string{"admin", "viewer_gdpt", "manager_gdpt", "member_adm2"}},
	}
	residencies := []struct {
		name string
		id   uint
		sees []string
	}{
		{"Residency2", res2, []string{"admin", "viewer_gdpt", "manager_gdpt", "member_adm2"}},
		{"Residency3", res3, []string{"admin", "manager_gdkm"}},
	}
	for who, actor := range actors {
		t.Run(who, func(t *testing.T) {
			listed, _, err := w.svc.Residency.ListApplications(ctx, actor, service.ResidencyApplicationFilter{Page: model.Page{PageSize: 100}})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range apps {
				want := slices.Contains(a.sees, who)
				_, err := w.svc.Residency.GetApplication(ctx, actor, a.id)
				if want && err != nil {
					t.Errorf("GetApplication(%s): %v, want it visible", a.name, err)
				}
				if !want && model.ErrorCode(err) != model.CodeNotFound {
					t.Errorf("GetApplication(%s): %v, want not_found", a.name, err)
				}
				if got := slices.ContainsFunc(listed, func(v service.ResidencyApplicationView) bool { return v.ID == a.id }); got != want {
					t.Errorf("ListApplications has %s = %v, want %v", a.name, got, want)
				}
			}
			rlisted, _, err := w.svc.Residency.ListResidencies(ctx, actor, service.ResidencyFilter{Page: model.Page{PageSize: 100}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range residencies {
				want := slices.Contains(r.sees, who)
				_, err := w.svc.Residency.GetResidency(ctx, actor, r.id)
				_, _, rerr := w.svc.Residency.ListReports(ctx, actor, r.id, service.ProgressReportFilter{})
				for what, err := range map[string]error{"GetResidency": err, "ListReports": rerr} {
					if want && err != nil {
						t.Errorf("%s(%s): %v, want it visible", what, r.name, err)
					}
					if !want && model.ErrorCode(err) != model.CodeNotFound {
						t.Errorf("%s(%s): %v, want not_found", what, r.name, err)
					}
				}
				if got := slices.ContainsFunc(rlisted, func(v service.ResidencyView) bool { return v.ID == r.id }); got != want {
					t.Errorf("ListResidencies has %s = %v, want %v", r.name, got, want)
				}
			}
		})
	}

	t.Run("ManagersSeeOnlyTheirBase", func(t *testing.T) {
		for _, m := range []struct {
			actor service.Actor
			base  uint
		}{{w.mgr2, service.DemoBaseGDPT}, {w.mgr3, service.DemoBaseGDKM}} {
			apps, _, err := w.svc.Residency.ListApplications(ctx, m.actor, service.ResidencyApplicationFilter{Page: model.Page{PageSize: 100}})
			if err != nil || len(apps) == 0 {
				t.Fatalf("%s: %d applications, %v", m.actor.Username, len(apps), err)
			}
			for _, a := range apps {
				if a.BaseID != m.base || a.Status == model.AppDraft {
					t.Errorf("%s sees application %d of base %d in %s", m.actor.Username, a.ID, a.BaseID, a.Status)
				}
			}
			rs, _, err := w.svc.Residency.ListResidencies(ctx, m.actor, service.ResidencyFilter{Page: model.Page{PageSize: 100}})
			if err != nil || len(rs) == 0 {
				t.Fatalf("%s: %d residencies, %v", m.actor.Username, len(rs), err)
			}
			for _, r := range rs {
				if r.BaseID != m.base {
					t.Errorf("%s sees residency %d of base %d", m.actor.Username, r.ID, r.BaseID)
				}
			}
		}
	})

	t.Run("AllowedActionsFollowTheActor", func(t *testing.T) {
		v, err := w.svc.Residency.GetApplication(ctx, w.mgr2, sub2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(v.AllowedActions, []string{service.AppActionReview, service.AppActionReject, service.AppActionReturn}) {
			t.Errorf("manager's actions on a submitted application = %v", v.AllowedActions)
		}
		v, err = w.svc.Residency.GetApplication(ctx, draft2.Member, draft2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(v.AllowedActions, []string{service.AppActionUpdate, service.AppActionSubmit}) {
			t.Errorf("member's actions on a draft = %v", v.AllowedActions)
		}
		v, err = w.svc.Residency.GetApplication(ctx, w.viewer, draft2.ID)
		if err != nil || len(v.AllowedActions) != 0 {
			t.Errorf("viewer's actions = %v, %v; want none", v.AllowedActions, err)
		}
		r, err := w.svc.Residency.GetResidency(ctx, adm2.Member, res2)
		if err != nil || !slices.Equal(r.AllowedActions, []string{service.ResidencyActionReport}) {
			t.Errorf("member's residency actions = %v, %v", r.AllowedActions, err)
		}
	})
}

// residencyOf returns the residency created by admitting an application.
func (w *resWorld) residencyOf(t testing.TB, appID uint) uint {
	t.Helper()
	var r model.Residency
	if err := w.svc.DB.Where("application_id = ?", appID).Take(&r).Error; err != nil {
		t.Fatalf("residency of application %d: %v", appID, err)
	}
	return r.ID
}
