package main

// A function literal is a function of its own: its defer does not count
// against the enclosing function, which has a defer in a loop.

var n = 2

func f() {
	for i := 0; i < n; i++ {
		defer println("loop", i)
	}
	g := func() {
		defer println("in literal")
	}
	g()
}

func main() {
	f()
}
