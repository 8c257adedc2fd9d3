package main

// A program without panics exits with status 0; everything println writes
// goes to standard error.

var greeting = "hello"

const (
	a = iota
	b
	c
)

func main() {
	println(greeting, "deferlab")
	println(a, b, c)
	println(true, false, int8(-5), uint16(65535), 'x', "done")
	print("no newline", 1, "\n")
}
