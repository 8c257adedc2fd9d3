package main

// Deferred functions may themselves defer calls; those run when the deferred
// function returns, before the outer function's remaining defers.

func main() {
	defer println("outer 1")
	defer func() {
		defer println("inner a")
		defer func() {
			defer println("innermost")
			println("inner b body")
		}()
		println("deferred body")
	}()
	defer println("outer 2")
	println("main body")
}
