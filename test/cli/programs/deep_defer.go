package main

// Recursion 100000 frames deep with a deferred call at every level, first
// returning normally, then unwinding a panic from the bottom that is
// recovered at the top. The goroutine stack grows many times on the way
// down, and the JavaScript engine's stack must hold every frame.

const depth = 100000

var deferred int

// sum returns 0 from the bottom; the deferred calls add n at each level on
// the way back up, through the named result.
func sum(n int) (total int) {
	defer func() {
		deferred++
		total += n
	}()
	if n == 0 {
		return 0
	}
	return sum(n - 1)
}

// sink panics at the bottom; the deferred call of every level runs as the
// panic passes it.
func sink(n int) {
	defer func() { deferred++ }()
	if n == 0 {
		panic("bottom reached")
	}
	sink(n - 1)
}

func recovered() (msg string) {
	defer func() {
		msg = recover().(string)
	}()
	sink(depth)
	return "not reached"
}

func main() {
	println("sum:", sum(depth))
	println("deferred:", deferred)
	deferred = 0
	println("recovered:", recovered())
	println("deferred:", deferred)
}
