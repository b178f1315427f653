package portal

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits for HTML conversion: portals paste whole Word documents into text
// fields, and a fuzzer pastes worse.
const (
	maxHTMLLines = 500
	maxHTMLDepth = 200
)

// HTMLToText turns an HTML fragment from a portal (OpenCPS text fields) into
// plain lines: each paragraph, list item, table row or <br>-separated line
// becomes one entry, entities are decoded, whitespace is collapsed, leading
// bullets are dropped, and scripts, styles and other markup are removed. Text
// without tags is split on its line breaks. The result is never markup, so
// the screen and the printer can show it as it is.
func HTMLToText(fragment string) []string {
	var w lineWriter
	if !strings.Contains(fragment, "<") {
		for _, l := range strings.Split(html.UnescapeString(fragment), "\n") {
			w.text(l)
			w.newline()
		}
		return w.done()
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		w.walk(n, 0)
	}
	return w.done()
}

type lineWriter struct {
	cur   strings.Builder
	lines []string
}

func (w *lineWriter) full() bool { return len(w.lines) >= maxHTMLLines }

func (w *lineWriter) walk(n *html.Node, depth int) {
	if depth > maxHTMLDepth || w.full() {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default: // comments, doctypes
		return
	}
	block := false
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Noscript, atom.Template,
		atom.Iframe, atom.Object, atom.Svg, atom.Math, atom.Select, atom.Button:
		return
	case atom.Br, atom.Hr:
		w.newline()
		return
	case atom.Td, atom.Th:
		if strings.TrimSpace(w.cur.String()) != "" {
			w.cur.WriteString(" | ")
		}
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Tr, atom.Table, atom.Tbody, atom.Thead,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Section,
		atom.Article, atom.Dd, atom.Dt, atom.Dl, atom.Pre, atom.Center, atom.Header, atom.Footer,
		atom.Caption, atom.Figure, atom.Form, atom.Fieldset, atom.Address:
		block = true
	}
	if block {
		w.newline()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if block {
		w.newline()
	}
}

func (w *lineWriter) text(s string) {
	if w.cur.Len() > 4*maxTextRunes {
		return
	}
	w.cur.WriteString(s) // whitespace is collapsed when the line ends
}

func (w *lineWriter) newline() {
	if w.cur.Len() == 0 {
		return
	}
	line := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	line = strings.TrimLeft(line, "-+•*–·▪►● ")
	line = strings.TrimSpace(line)
	if line != "" && line != "|" && !w.full() {
		w.lines = append(w.lines, line)
	}
}

func (w *lineWriter) done() []string {
	w.newline()
	return w.lines
}
