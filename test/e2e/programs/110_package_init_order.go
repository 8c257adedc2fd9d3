package main

// Package variables initialised in dependency order, through functions,
// pointers and string concatenation, before the init functions run in order.

var (
	x = y * 2
	y = z() + 1
	w [3]int
	p = &w[1]
	s = "s" + t
	t = "t"
)

func z() int {
	*p = 7
	return len(s)
}

func init() {
	println("init", x, y, w[1], s)
	x++
}

func main() {
	println(x, y, *p, s)
}
