package main

import (
	"sync"

	"kiosk/internal/config"
	"kiosk/internal/receipt"
)

// loadConfig loads the site config named by -config and applies the -portal
// and -cache overrides. A config with problems returns config.Problems.
func (g *globals) loadConfig() (*config.Config, error) {
	knowProfiles()
	c, err := config.Load(g.ConfigPath)
	if err != nil {
		return nil, err
	}
	if g.PortalURL != "" {
		c.Portal.BaseURL = g.PortalURL
	}
	if g.CachePath != "" {
		c.Cache.Path = g.CachePath
	}
	return c, nil
}

var knowProfilesOnce sync.Once

// knowProfiles hands the printer profile names to the config package, which
// imports nothing of ours, so printer.profile typos are caught by
// `config check` rather than at the first print.
func knowProfiles() {
	knowProfilesOnce.Do(func() {
		var names []string
		for _, p := range receipt.Profiles() {
			names = append(names, p.Name)
		}
		if len(names) > 0 {
			config.KnownProfiles = names
		}
	})
}
