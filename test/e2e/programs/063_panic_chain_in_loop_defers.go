package main

// Heap-allocated deferred calls where each one recovers the panic raised by
// the one that ran before it and then raises its own; the last one to run
// recovers for good and sets the result.

func chain(n int) (r string) {
	defer func() {
		if p := recover(); p != nil {
			r = r + " final:" + p.(string)
		}
	}()
	for i := 0; i < n; i++ {
		defer func(k int) {
			if p := recover(); p != nil {
				r = r + " " + p.(string)
			}
			panic(string(rune('a' + k)))
		}(i)
	}
	r = "start"
	panic("z")
}

func main() {
	println(chain(0))
	println(chain(1))
	println(chain(5))
}
