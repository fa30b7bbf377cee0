// Package frontend embeds the built Vue UI (frontend/dist) into the binary.
// Build it with `npm run build` (the Makefile does) before `go build`; a
// fresh clone holds only dist/.gitkeep, and the server then says so.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built UI with index.html at its root.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}
