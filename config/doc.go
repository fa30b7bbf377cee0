// Package config owns the typed configuration of the incubator service:
// defaults, the optional YAML file, the INCUBATOR_* environment overrides and
// validation, plus the Casbin model text.
//
// It may import only the standard library and configuration libraries; it is
// read by main and by model.Open, nothing else.
package config
