package model

import (
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Page limits.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page is a page request: 1-based page number, size and a sort key
// ("field" or "-field" for descending).
type Page struct {
	Page     int
	PageSize int
	Sort     string
}

// Normalize clamps the page to sane bounds.
func (p Page) Normalize() Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PageSize < 1 {
		p.PageSize = DefaultPageSize
	}
	if p.PageSize > MaxPageSize {
		p.PageSize = MaxPageSize
	}
	return p
}

// Paginate is a scope applying offset and limit of a normalized page.
func Paginate(p Page) func(*gorm.DB) *gorm.DB {
	p = p.Normalize()
	return func(db *gorm.DB) *gorm.DB {
		return db.Offset((p.Page - 1) * p.PageSize).Limit(p.PageSize)
	}
}

// OrderBy returns a scope sorting by a whitelisted field. allowed maps API
// field names to column names; the first column of fallback breaks ties and
// is used when sort is empty. An unknown field is a CodeInvalid error on
// "sort" (column names never come from the client).
func OrderBy(sort string, allowed map[string]string, fallback string) (func(*gorm.DB) *gorm.DB, error) {
	desc := strings.HasPrefix(sort, "-")
	key := strings.TrimPrefix(sort, "-")
	var cols []clause.OrderByColumn
	if key != "" {
		col, ok := allowed[key]
		if !ok {
			names := make([]string, 0, len(allowed))
			for k := range allowed {
				names = append(names, k)
			}
			return nil, Invalid("invalid sort", Field("sort", "unknown_field", "cannot sort by "+key+"; allowed: "+strings.Join(sorted(names), ", ")))
		}
		cols = append(cols, clause.OrderByColumn{Column: clause.Column{Name: col}, Desc: desc})
	}
	if key == "" || allowed[key] != fallback {
		cols = append(cols, clause.OrderByColumn{Column: clause.Column{Name: fallback}})
	}
	return func(db *gorm.DB) *gorm.DB {
		return db.Order(clause.OrderBy{Columns: cols})
	}, nil
}

func sorted(s []string) []string {
	slices.Sort(s)
	return s
}
