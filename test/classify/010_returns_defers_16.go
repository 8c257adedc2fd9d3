package main

// Eight returns times two defers = 16: stack-allocated.

func f(k int) int {
	defer println("a")
	defer println("b")
	if k == 0 {
		return 0
	}
	if k == 1 {
		return 1
	}
	if k == 2 {
		return 2
	}
	if k == 3 {
		return 3
	}
	if k == 4 {
		return 4
	}
	if k == 5 {
		return 5
	}
	if k == 6 {
		return 6
	}
	return 7
}

func main() {
	println(f(3))
}
