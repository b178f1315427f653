package portal

import "time"

// Vietnam is Indochina Time (UTC+7, no daylight saving), the time zone of
// every portal and every citizen the kiosk serves: portal dates without a
// zone are read in it, and receipts and screens show wall-clock times in it
// whatever the PC's own time zone is set to. It is the one definition in the
// module.
var Vietnam = time.FixedZone("ICT", 7*3600)
