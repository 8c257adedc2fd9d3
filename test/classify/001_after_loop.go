package main

// A defer after a loop is not in the loop: open-coded.

var n = 3

func f() {
	for i := 0; i < n; i++ {
		println("loop", i)
	}
	defer println("after loop")
}

func main() {
	f()
}
