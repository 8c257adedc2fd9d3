package main

// Recursion without end in small frames: the JavaScript engine's stack
// runs out before a large goroutine stack limit is reached.

func endless(n int) int {
	return endless(n+1) + 1
}

func main() {
	println(endless(0))
}
