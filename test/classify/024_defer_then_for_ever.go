package main

// A defer before a for {} loop that contains a defer: the first is
// stack-allocated, the one in the loop heap-allocated.

var limit = 2

func f() {
	defer println("before")
	i := 0
	for {
		defer println("in loop", i)
		i++
		if i >= limit {
			break
		}
	}
}

func main() {
	f()
}
