package portalsim

import (
	"fmt"
	"io/fs"

	"kiosk/assets"
)

// Demo loads the dataset bundled in the binary (assets/demo).
func Demo() (*Dataset, error) {
	sub, err := fs.Sub(assets.Demo, "demo")
	if err != nil {
		return nil, fmt.Errorf("demo dataset: %w", err)
	}
	return LoadDataset(sub)
}
