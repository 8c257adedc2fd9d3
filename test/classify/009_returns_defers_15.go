package main

// Five returns times three defers = 15: open-coded.

func f(k int) int {
	defer println("a")
	defer println("b")
	defer println("c")
	switch k {
	case 0:
		return 0
	case 1:
		return 1
	case 2:
		return 2
	case 3:
		return 3
	}
	return 4
}

func main() {
	println(f(2))
}
