package main

// Exactly eight defers: still open-coded.

func f() {
	defer println(1)
	defer println(2)
	defer println(3)
	defer println(4)
	defer println(5)
	defer println(6)
	defer println(7)
	defer println(8)
}

func main() {
	f()
}
