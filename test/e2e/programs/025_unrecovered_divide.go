package main

// Unrecovered integer division by zero: exit status 2 and a traceback.

var d int

func ratio(a, b int) int {
	return a / b
}

func main() {
	defer println("deferred call runs before the crash report")
	println("computing")
	println(ratio(10, d))
}
