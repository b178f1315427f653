package kiosk

// SearchReady is closed once the first search index build has finished
// (built, or failed and logged), a fraction of a second after start. Until
// then a search finds nothing because nothing is indexed yet, not because
// nothing matches: the find screen says it is preparing.
func (s *Services) SearchReady() <-chan struct{} {
	if s.indexed == nil { // a Services not made by Build: nothing to wait for
		c := make(chan struct{})
		close(c)
		return c
	}
	return s.indexed
}

func (s *Services) markIndexed() {
	if s.indexed != nil {
		s.indexedOnce.Do(func() { close(s.indexed) })
	}
}
