package main

// Unrecovered call of a nil func value.

type Handler struct {
	on func(string)
}

func (h Handler) fire(s string) {
	h.on(s)
}

func main() {
	h := Handler{on: func(s string) { println("handled", s) }}
	h.fire("one")
	h.on = nil
	h.fire("two")
}
