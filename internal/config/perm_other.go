//go:build !unix

package config

import "os"

// groupName is unknown where files have no Unix group.
func groupName(os.FileInfo) string { return "?" }
