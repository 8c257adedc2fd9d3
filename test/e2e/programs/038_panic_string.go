package main

// An unrecovered panic with a string value, raised in a deferred call while
// the function returns normally.

func cleanup() {
	panic("cleanup failed")
}

func work() {
	defer cleanup()
	println("working")
}

func main() {
	work()
	println("not reached")
}
