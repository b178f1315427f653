// Package receipt owns what the kiosk prints: documents (a procedure
// checklist, a dossier status slip, a queue ticket, a test page) as lists of
// blocks, their layout for a paper width, and their encoding into ESC/POS for
// a printer profile, either as text in a Vietnamese code page or as raster
// images. Preview renders the encoded bytes back through the escpos renderer,
// so the preview is exactly what prints.
package receipt

import "kiosk/internal/escpos"

// BlockKind says what a Block is.
type BlockKind int

// Block kinds.
const (
	BlockText      BlockKind = iota + 1 // wrapped text with align/bold/size
	BlockTitle                          // bold, double height, centred
	BlockKV                             // "label: value", value right-aligned when it fits
	BlockCheck                          // "[ ] item", with an optional note line
	BlockSeparator                      // a rule across the paper
	BlockQR                             // QR code with an optional caption
	BlockBarcode                        // Code128 with its text below
	BlockBig                            // a very big number (queue tickets)
	BlockFeed                           // blank paper, in dots
	BlockCut                            // end of the receipt: feed and cut as the profile says
)

// Block is one element of a Doc.
type Block struct {
	Kind  BlockKind
	Text  string // text, title, label, item, caption
	Value string // KV value, check note
	Data  string // QR or barcode payload
	Align escpos.Align
	Bold  bool
	Size  int // height/width multiplier for BlockText (0 or 1 = normal)
	// Indent is the hanging indent of BlockText continuation lines.
	Indent int
	Dots   int // BlockFeed
}

// Doc is a receipt: blocks printed top to bottom.
type Doc struct {
	Blocks []Block
}

func (d *Doc) add(b Block) { d.Blocks = append(d.Blocks, b) }

// Text appends a wrapped paragraph.
func (d *Doc) Text(s string, a escpos.Align, bold bool) {
	d.add(Block{Kind: BlockText, Text: s, Align: a, Bold: bold})
}

// Item appends a paragraph whose continuation lines are indented by indent.
func (d *Doc) Item(s string, indent int) {
	d.add(Block{Kind: BlockText, Text: s, Indent: indent})
}

// Title appends a heading.
func (d *Doc) Title(s string) { d.add(Block{Kind: BlockTitle, Text: s}) }

// KV appends a labelled value.
func (d *Doc) KV(label, value string) { d.add(Block{Kind: BlockKV, Text: label, Value: value}) }

// Check appends a checklist item with a note (may be "").
func (d *Doc) Check(item, note string) { d.add(Block{Kind: BlockCheck, Text: item, Value: note}) }

// Separator appends a rule.
func (d *Doc) Separator() { d.add(Block{Kind: BlockSeparator}) }

// QR appends a QR code with a caption under it.
func (d *Doc) QR(data, caption string) { d.add(Block{Kind: BlockQR, Data: data, Text: caption}) }

// Barcode appends a Code128 barcode of printable ASCII data.
func (d *Doc) Barcode(data string) { d.add(Block{Kind: BlockBarcode, Data: data}) }

// Big appends a very big centred number.
func (d *Doc) Big(s string) { d.add(Block{Kind: BlockBig, Text: s}) }

// Feed appends blank paper.
func (d *Doc) Feed(dots int) { d.add(Block{Kind: BlockFeed, Dots: dots}) }

// Cut ends the receipt.
func (d *Doc) Cut() { d.add(Block{Kind: BlockCut}) }
