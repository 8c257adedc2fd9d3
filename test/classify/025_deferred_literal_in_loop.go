package main

// A function literal deferred inside a loop: that defer is heap-allocated,
// while the literal's own defer (the literal is a separate function, not in
// a loop) is open-coded.

var n = 2

func f() {
	for i := 0; i < n; i++ {
		defer func(k int) {
			defer println("inner", k)
		}(i)
	}
}

func main() {
	f()
}
