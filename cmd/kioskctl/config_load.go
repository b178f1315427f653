package main

import (
	"kiosk/internal/config"
	"kiosk/internal/receipt"
)

// loadConfig loads the site config named by -config and applies the -portal
// and -cache overrides. A config with problems returns config.Problems; so
// does a -portal URL the config's own rules refuse (plain http to another
// machine, no host, ...), with the same message.
func (g *globals) loadConfig() (*config.Config, error) {
	c, err := config.Load(g.ConfigPath, known())
	if err != nil {
		return nil, err
	}
	if g.PortalURL != "" {
		if c, err = c.WithPortalURL(g.PortalURL); err != nil {
			return nil, err
		}
	}
	if g.CachePath != "" {
		c.Cache.Path = g.CachePath
	}
	return c, nil
}

// known is what a site config may refer to, as the kiosk checks it.
func known() config.Known { return config.Known{Profiles: receipt.ProfileNames()} }
