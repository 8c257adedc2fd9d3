package main

// A deferred function literal with its own nine defers: the literal's
// defers are stack-allocated, the outer function's defer is open-coded.

func f() {
	defer func() {
		defer println(1)
		defer println(2)
		defer println(3)
		defer println(4)
		defer println(5)
		defer println(6)
		defer println(7)
		defer println(8)
		defer println(9)
	}()
}

func main() {
	f()
}
