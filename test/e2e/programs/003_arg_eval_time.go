package main

// Arguments of a deferred call (and the function value itself) are evaluated
// when the defer statement executes, not when the call runs. Closures see the
// variables' final values.

func show(label string, n int) {
	println(label, n)
}

func hello() { println("hello func") }
func bye()   { println("bye func") }

var calls int

func next() int {
	calls++
	println("next called", calls)
	return calls * 10
}

func main() {
	x := 1
	defer show("arg at defer time", x)
	defer func() { show("closure sees", x) }()
	defer show("evaluated immediately", next())
	x = 2
	f := hello
	defer f()
	f = bye
	f()
	x = 3
	println("main returns, x =", x, "calls =", calls)
}
