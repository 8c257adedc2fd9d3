package main

// Defers inside loops are heap-allocated; every iteration queues one more
// deferred call, and they all run when the function returns.

var total int

func countdown(n int) {
	for i := 0; i < n; i++ {
		defer func(k int) {
			total += k
			println("loop defer", k)
		}(i)
	}
	println("queued", n)
}

func ranged() {
	arr := [4]string{"w", "x", "y", "z"}
	for i, s := range arr {
		defer println("range defer", i, s)
	}
	for i, c := range "héllo" {
		defer println("string range", i, c)
	}
}

func nested() {
	for i := 0; i < 3; i++ {
		for j := 0; j < 2; j++ {
			defer println("nested", i, j)
		}
	}
}

func many() {
	for i := 0; i < 1000; i++ {
		defer func(k int) { total += k }(i)
	}
}

func main() {
	countdown(5)
	println("total", total)
	ranged()
	nested()
	total = 0
	many()
	println("sum of 1000", total)
}
