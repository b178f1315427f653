//go:build !unix

package config

import "os"

// groupName is unknown where files have no Unix group.
func groupName(os.FileInfo) string { return "?" }

// openNonBlocking opens path for reading; readBounded then refuses anything
// but a regular file.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
