package main

// Defers inside if and switch branches are conditional but not in a loop:
// open-coded.

func f(k int) {
	if k > 0 {
		defer println("positive")
	} else {
		defer println("not positive")
	}
	switch k {
	case 1:
		defer println("one")
	case 2:
		defer println("two")
	default:
		defer println("other")
	}
}

func main() {
	f(1)
}
