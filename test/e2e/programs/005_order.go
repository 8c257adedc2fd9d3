package main

// Interleaving of deferred calls with ordinary output across nested calls.

var depth int

func enter(name string) string {
	depth++
	println("enter", name, depth)
	return name
}

func leave(name string) {
	println("leave", name, depth)
	depth--
}

func inner() {
	defer leave(enter("inner"))
	println("inner body")
}

func middle() {
	defer leave(enter("middle"))
	inner()
	defer println("middle second defer")
	inner()
}

func outer() int {
	defer leave(enter("outer"))
	middle()
	return depth
}

func main() {
	println("outer returned", outer())
	println("depth", depth)
}
