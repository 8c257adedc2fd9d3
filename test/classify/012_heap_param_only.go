package main

// A parameter (not a result) whose address escapes moves to the heap as
// well, but needs no exit code: the defer stays open-coded.

var p *int

func f(x int) int {
	p = &x
	defer println("deferred")
	return x
}

func main() {
	println(f(1))
}
