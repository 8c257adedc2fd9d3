package main

// A defer in a switch inside a loop is in the loop: heap-allocated; a defer
// in a switch outside any loop is open-coded.

func f(k int) {
	switch k {
	case 0:
		defer println("zero")
	default:
		defer println("other")
	}
}

func g() {
	for i := 0; i < 3; i++ {
		switch i {
		case 1:
			defer println("one")
		}
	}
}

func main() {
	f(0)
	g()
}
