package main

// A defer before a loop containing another defer: stack-allocated, and the
// one in the loop heap-allocated.

var n = 2

func f() {
	defer println("before loop")
	for i := 0; i < n; i++ {
		defer println("in loop", i)
	}
}

func main() {
	f()
}
