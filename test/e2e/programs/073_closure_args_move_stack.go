package main

// A function literal that captures variables lives in its caller's frame
// when it cannot outlive it. Its arguments are evaluated after its funcval
// is built, and evaluating them here grows (and so moves) the stack: the
// call and the deferred call must still reach the moved funcval.

func grow(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		return 0
	}
	return grow(n-1) + pad[n%64] - n + 1
}

func run() (r int) {
	x := 10
	defer func(k int) {
		r = x + k
	}(grow(300))
	func(k int) {
		x += k
	}(grow(300))
	return 0
}

func main() {
	println(run())
}
