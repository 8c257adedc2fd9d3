package main

// A defer in a range loop over an array is heap-allocated; one after the
// loop is stack-allocated.

func f() {
	arr := [3]int{1, 2, 3}
	for _, v := range arr {
		defer println("range", v)
	}
	defer println("after range")
}

func main() {
	f()
}
