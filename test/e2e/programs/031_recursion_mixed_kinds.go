package main

// Recursion through functions with different defer kinds: open-coded in one,
// stack-allocated in another (more than eight defers), heap-allocated in a
// loop in the third. A panic at the bottom is recovered part-way up.

var trace string

func note(s string) { trace = trace + s }

func open(n int) {
	defer note("o")
	if n == 0 {
		panic("bottom")
	}
	stack(n - 1)
}

func stack(n int) {
	defer note("s")
	defer note("")
	defer note("")
	defer note("")
	defer note("")
	defer note("")
	defer note("")
	defer note("")
	defer note("")
	if n == 0 {
		panic("bottom")
	}
	heap(n - 1)
}

func heap(n int) {
	for i := 0; i < 2; i++ {
		defer note("h")
	}
	if n == 0 {
		panic("bottom")
	}
	if n == 4 {
		guard(n - 1)
		return
	}
	open(n - 1)
}

func guard(n int) {
	defer func() {
		if r := recover(); r != nil {
			note("[" + r.(string) + "]")
		}
	}()
	open(n)
}

func main() {
	for n := 0; n < 12; n++ {
		trace = ""
		func() {
			defer func() {
				if r := recover(); r != nil {
					note("{" + r.(string) + "}")
				}
			}()
			open(n)
		}()
		println(n, trace)
	}
}
