package main

// Unrecovered index out of range inside a closure.

var pos = 4

func main() {
	var a [3]int
	get := func(i int) int {
		return a[i]
	}
	println(get(2))
	println(get(pos))
}
