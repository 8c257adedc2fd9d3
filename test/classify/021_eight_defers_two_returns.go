package main

// Eight defers and two return statements: 16 > 15, stack-allocated. The
// same eight defers with a single return are open-coded.

func two(k int) int {
	defer println(1)
	defer println(2)
	defer println(3)
	defer println(4)
	defer println(5)
	defer println(6)
	defer println(7)
	defer println(8)
	if k > 0 {
		return 1
	}
	return 0
}

func one(k int) {
	defer println(1)
	defer println(2)
	defer println(3)
	defer println(4)
	defer println(5)
	defer println(6)
	defer println(7)
	defer println(8)
	if k > 0 {
		println("positive")
	}
}

func main() {
	println(two(1))
	one(1)
}
