package main

// Defers in nested loops with labeled continue and break are heap-allocated.

func f() {
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j > i {
				continue outer
			}
			if i == 2 {
				break outer
			}
			defer println(i, j)
		}
	}
}

func main() {
	f()
}
