package main

// A defer inside for {} is heap-allocated; a later defer outside the loop is
// stack-allocated because the function cannot use open-coded defers.

var n = 3

func f() {
	i := 0
	for {
		defer println("in loop", i)
		i++
		if i > n {
			break
		}
	}
	defer println("after loop")
}

func main() {
	f()
}
