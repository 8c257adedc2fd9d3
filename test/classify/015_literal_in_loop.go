package main

// A function literal called in a loop: the literal's own defers are not in a
// loop and are open-coded; the enclosing function has no defers.

var n = 3

func main() {
	for i := 0; i < n; i++ {
		func(k int) {
			defer println("literal", k)
			defer func() {
				println("second")
			}()
		}(i)
	}
}
