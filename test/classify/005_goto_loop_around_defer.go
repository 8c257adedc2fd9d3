package main

// A defer between a label and the backward goto to it is in a loop:
// heap-allocated.

var n = 3

func f() {
	i := 0
again:
	println("pass", i)
	defer println("deferred", i)
	i++
	if i < n {
		goto again
	}
}

func main() {
	f()
}
