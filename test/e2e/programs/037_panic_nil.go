package main

// panic(nil) without recover.

func main() {
	defer println("deferred call runs")
	println("about to panic with nil")
	panic(nil)
}
