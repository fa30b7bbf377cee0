package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The import rule of DESIGN.md and STYLE.md, checked on the real package
// graph: main → api → service → model, one way only.
//
//   - config is imported only by main, model (model.Open) and test-support
//     packages (model/testdb, service/servicetest);
//   - model imports no gin, net/http, service or api;
//   - service imports no gin, net/http or api;
//   - api imports no gorm.io/*;
//   - test-support packages (a path element below the layer that starts or
//     ends with "test": model/testdb, service/servicetest)
//     may import what their layer may, plus config; only test-support
//     packages import them;
//   - frontend (the embedded UI) imports nothing of ours;
//   - every package of the module belongs to a layer.

// goPackage is the part of `go list -json` output the rule needs.
type goPackage struct {
	ImportPath string
	Imports    []string
}

// layer is a package's place in the rule.
type layer int

const (
	layerUnknown layer = iota
	layerConfig
	layerModel
	layerService
	layerAPI
	layerFrontend
	layerMain
)

var layerNames = map[layer]string{
	layerUnknown: "unknown", layerConfig: "config", layerModel: "model", layerService: "service",
	layerAPI: "api", layerFrontend: "frontend", layerMain: "main",
}

// internalImports lists, per layer, the layers of our module it may import.
var internalImports = map[layer][]layer{
	layerMain:     {layerAPI, layerService, layerModel, layerConfig, layerFrontend},
	layerAPI:      {layerService, layerModel, layerFrontend},
	layerService:  {layerModel},
	layerModel:    {layerConfig},
	layerConfig:   {},
	layerFrontend: {},
}

// forbiddenExternal lists, per layer, import-path prefixes it must not use.
var forbiddenExternal = map[layer][]string{
	layerModel:   {"github.com/gin-gonic/", "net/http"},
	layerService: {"github.com/gin-gonic/", "net/http"},
	layerAPI:     {"gorm.io/"},
	layerConfig:  {"github.com/gin-gonic/", "gorm.io/", "net/http"},
}

// classify returns the layer of an import path of module, and whether it
// is a test-support package.
func classify(module, path string) (layer, bool) {
	if path == module {
		return layerMain, false
	}
	rest, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return layerUnknown, false
	}
	elems := strings.Split(rest, "/")
	support := false
	for _, e := range elems[1:] {
		support = support || strings.HasPrefix(e, "test") || strings.HasSuffix(e, "test")
	}
	switch elems[0] {
	case "config":
		return layerConfig, support
	case "model":
		return layerModel, support
	case "service":
		return layerService, support
	case "api":
		return layerAPI, support
	case "frontend":
		return layerFrontend, support
	}
	return layerUnknown, support
}

// hasPathPrefix reports whether path is prefix or lies under it.
func hasPathPrefix(path, prefix string) bool {
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(path, prefix)
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// layeringViolations returns every import of pkgs that breaks the rule.
func layeringViolations(module string, pkgs []goPackage) []string {
	var out []string
	for _, p := range pkgs {
		from, fromSupport := classify(module, p.ImportPath)
		if from == layerUnknown {
			out = append(out, p.ImportPath+": package belongs to no layer; add it to the layering rule")
			continue
		}
		for _, imp := range p.Imports {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				to, toSupport := classify(module, imp)
				switch {
				case toSupport && !fromSupport:
					out = append(out, p.ImportPath+" imports test-support package "+imp)
				case to == layerConfig && fromSupport:
					// test helpers open databases from a config
				case to == from:
					// within a layer (e.g. service/servicetest → service)
				case !slices.Contains(internalImports[from], to):
					out = append(out, p.ImportPath+" ("+layerNames[from]+") must not import "+imp+" ("+layerNames[to]+")")
				}
				continue
			}
			for _, bad := range forbiddenExternal[from] {
				if hasPathPrefix(imp, bad) {
					out = append(out, p.ImportPath+" ("+layerNames[from]+") must not import "+imp)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// listPackages runs `go list -json ./...` in the module root.
func listPackages(t *testing.T) (string, []goPackage) {
	t.Helper()
	mod, err := exec.Command("go", "list", "-m").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	cmd := exec.Command("go", "list", "-json", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -json ./...: %v\n%s", err, stderr.String())
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return strings.TrimSpace(string(mod)), pkgs
}

func TestLayering(t *testing.T) {
	module, pkgs := listPackages(t)
	if module != "incubator" || len(pkgs) < 6 {
		t.Fatalf("go list saw module %q with %d packages", module, len(pkgs))
	}
	for _, v := range layeringViolations(module, pkgs) {
		t.Error(v)
	}
}

func TestLayeringViolations(t *testing.T) {
	const m = "incubator"
	clean := []goPackage{
		{m, []string{"incubator/api", "incubator/service", "incubator/model", "incubator/config", "incubator/frontend", "net/http", "gorm.io/gorm"}},
		{"incubator/api", []string{"incubator/service", "incubator/model", "github.com/gin-gonic/gin", "net/http"}},
		{"incubator/service", []string{"incubator/model", "gorm.io/gorm", "github.com/casbin/casbin/v3"}},
		{"incubator/service/ranking", []string{"sort"}},
		{"incubator/service/servicetest", []string{"incubator/service", "incubator/model/testdb", "incubator/config", "testing"}},
		{"incubator/model", []string{"incubator/config", "gorm.io/gorm", "net/url"}},
		{"incubator/model/testdb", []string{"incubator/model", "incubator/config", "testing"}},
		{"incubator/config", []string{"github.com/knadh/koanf/v2", "embed"}},
		{"incubator/frontend", []string{"embed", "io/fs"}},
	}
	with := func(path string, imports ...string) []goPackage {
		out := slices.Clone(clean)
		for i, p := range out {
			if p.ImportPath == path {
				out[i].Imports = append(slices.Clone(p.Imports), imports...)
				return out
			}
		}
		return append(out, goPackage{path, imports})
	}
	for _, tc := range []struct {
		name string
		pkgs []goPackage
		want []string // substrings, one per expected violation
	}{
		{"OK", clean, nil},
		{"ErrModelImportsService", with("incubator/model", "incubator/service"), []string{"incubator/model (model) must not import incubator/service"}},
		{"ErrModelImportsAPI", with("incubator/model", "incubator/api"), []string{"must not import incubator/api"}},
		{"ErrModelImportsGin", with("incubator/model", "github.com/gin-gonic/gin"), []string{"must not import github.com/gin-gonic/gin"}},
		{"ErrModelImportsNetHTTP", with("incubator/model", "net/http"), []string{"must not import net/http"}},
		{"ErrServiceImportsAPI", with("incubator/service", "incubator/api"), []string{"incubator/service (service) must not import incubator/api"}},
		{"ErrServiceImportsGinContrib", with("incubator/service", "github.com/gin-gonic/gin/binding"), []string{"gin-gonic/gin/binding"}},
		{"ErrServiceImportsConfig", with("incubator/service", "incubator/config"), []string{"must not import incubator/config"}},
		{"ErrServiceSubpackageImportsAPI", with("incubator/service/ranking", "incubator/api"), []string{"incubator/service/ranking"}},
		{"ErrAPIImportsGorm", with("incubator/api", "gorm.io/gorm"), []string{"incubator/api (api) must not import gorm.io/gorm"}},
		{"ErrAPIImportsGormDriver", with("incubator/api", "gorm.io/driver/mysql"), []string{"gorm.io/driver/mysql"}},
		{"ErrAPIImportsConfig", with("incubator/api", "incubator/config"), []string{"incubator/api (api) must not import incubator/config"}},
		{"ErrAPIImportsMain", with("incubator/api", "incubator"), []string{"must not import incubator (main)"}},
		{"ErrConfigImportsModel", with("incubator/config", "incubator/model"), []string{"incubator/config (config) must not import incubator/model"}},
		{"ErrFrontendImportsService", with("incubator/frontend", "incubator/service"), []string{"incubator/frontend"}},
		{"ErrTestSupportBackEdge", with("incubator/service/servicetest", "incubator/api"), []string{"servicetest (service) must not import incubator/api"}},
		{"ErrTestSupportImportsGin", with("incubator/model/testdb", "github.com/gin-gonic/gin"), []string{"testdb (model) must not import github.com/gin-gonic/gin"}},
		{"ErrProductionImportsTestSupport", with("incubator/service", "incubator/model/testdb"), []string{"incubator/service imports test-support package incubator/model/testdb"}},
		{"ErrUnknownPackage", with("incubator/internal/util"), []string{"incubator/internal/util: package belongs to no layer"}},
		{"ErrSeveral", with("incubator/model", "incubator/service", "github.com/gin-gonic/gin"), []string{"gin-gonic", "incubator/service"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := layeringViolations(m, tc.pkgs)
			if len(got) != len(tc.want) {
				t.Fatalf("violations = %q, want %d matching %q", got, len(tc.want), tc.want)
			}
			for _, w := range tc.want {
				if !slices.ContainsFunc(got, func(v string) bool { return strings.Contains(v, w) }) {
					t.Errorf("no violation mentions %q: %q", w, got)
				}
			}
		})
	}
}
