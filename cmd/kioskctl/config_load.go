package main

import "kiosk/internal/config"

// loadConfig loads the site config named by -config and applies the -portal
// and -cache overrides. A config with problems returns config.Problems.
func (g *globals) loadConfig() (*config.Config, error) {
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
