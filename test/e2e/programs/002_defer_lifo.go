package main

// Deferred calls run in last-in, first-out order when the function returns.

func show(s string) {
	println("run", s)
}

func three() {
	defer show("first deferred")
	defer show("second deferred")
	defer show("third deferred")
	println("body of three")
}

func main() {
	defer println("main's deferred println runs last")
	three()
	for i := 0; i < 3; i++ {
		println("loop", i)
	}
	defer show("main second")
	println("end of main")
}
