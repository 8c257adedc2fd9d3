package main

// A panic 1000 calls deep, recovered at different levels. Every frame between
// the panic and the recovering frame runs its deferred call; frames above it
// return normally.

var unwound int
var returned int

func dive(depth, bottom, catchAt int) (res int) {
	if depth == catchAt {
		defer func() {
			if r := recover(); r != nil {
				res = r.(int) * 2
			}
		}()
	}
	defer func() { unwound++ }()
	if depth == bottom {
		panic(depth)
	}
	res = dive(depth+1, bottom, catchAt) + 1
	returned++
	return res
}

func main() {
	levels := [6]int{0, 1, 500, 998, 999, 1000}
	for _, at := range levels {
		unwound = 0
		returned = 0
		r := dive(0, 1000, at)
		println("catch at", at, "result", r, "deferred calls", unwound, "normal returns", returned)
	}
}
