package main

// An unrecovered panic with a plain int value, from a nested call.

func check(n int) {
	if n > 2 {
		panic(n * 100)
	}
	println("check", n)
	check(n + 1)
}

func main() {
	check(0)
}
