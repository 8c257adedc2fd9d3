package main

// A deferred function panics during a panic without recovering it. Both
// panics are printed; the first is not marked recovered.

func f() {
	defer func() {
		println("deferred call panics without recovering")
		panic("second")
	}()
	panic("first")
}

func main() {
	defer println("main's defer runs")
	f()
}
