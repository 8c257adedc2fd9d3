package main

// A runtime error is recovered, inspected, and re-panicked unchanged.

var idx = 5

func lookup() int {
	var table [3]int
	return table[idx]
}

func main() {
	defer func() {
		r := recover()
		err := r.(error)
		println("inspected:", err.Error())
		panic(r)
	}()
	println(lookup())
}
