package main

// A panic at the bottom of a deep recursion with defers of every kind at
// each level, recovered at the top; the stack grew many times before the
// panic and the deferred calls run on the moved stack.

var ran int

func down(n int) (r int) {
	var pad [16]int
	pad[n%16] = n
	defer func() { ran++ }()
	if n%3 == 0 {
		for i := 0; i < 1; i++ {
			defer func() { ran += pad[n%16] - n + 1 }()
		}
	}
	if n == 0 {
		panic("bottom")
	}
	return down(n-1) + 1
}

func top() (r int) {
	defer func() {
		if e := recover(); e != nil {
			println("recovered:", e.(string), "after", ran, "deferred calls")
			r = -1
		}
	}()
	return down(1000)
}

func main() {
	println("top returned", top())
}
