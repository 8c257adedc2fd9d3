package main

// Eight defers, one explicit return and a fall-through end of the function:
// only return statements count, 8 x 1 <= 15, open-coded. Two explicit
// returns in a function without results give 16: stack-allocated.

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
		return
	}
	println("fell off the end")
}

func two(k int) {
	defer println(1)
	defer println(2)
	defer println(3)
	defer println(4)
	defer println(5)
	defer println(6)
	defer println(7)
	defer println(8)
	if k > 0 {
		return
	}
	if k < 0 {
		return
	}
	println("zero")
}

func main() {
	one(0)
	two(0)
}
