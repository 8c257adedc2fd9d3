package main

// A defer after a backward goto loop: the analysis cannot see where the goto
// loop ends, so the defer counts as in a loop and is heap-allocated.

var n = 3

func f() {
	i := 0
again:
	println("pass", i)
	i++
	if i < n {
		goto again
	}
	defer println("deferred")
}

func main() {
	f()
}
