package main

// Recursion 300 deep alternating heap- and stack-allocated defers, each
// changing the named result, with frames big enough that the stack grows
// many times on the way down and the records move with it.

var sink [64]int

func deferHeapAndStack(n int) (r int) {
	var pad [32]int
	pad[n%32] = n
	if n == 0 {
		return pad[0]
	}
	if n%2 == 0 {
		for i := 0; i < 2; i++ {
			defer func() { r += 2 }()
		}
	} else {
		defer func() { r++ }()
		defer func() { r++ }()
	}
	r = deferHeapAndStack(n-1) + pad[n%32] - n
	sink[n%64] = r
	return r
}

func main() {
	println("result:", deferHeapAndStack(300))
}
