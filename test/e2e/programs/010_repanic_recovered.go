package main

// A deferred function recovers and panics again with the same value; an outer
// deferred function recovers it for good.

func inner() {
	defer func() {
		r := recover()
		println("inner recovered", r.(string), "and panics again")
		panic(r)
	}()
	panic("original")
}

func middle() {
	defer println("middle's defer still runs")
	inner()
	println("not reached")
}

func main() {
	defer func() {
		println("main recovered", recover().(string))
	}()
	middle()
}
