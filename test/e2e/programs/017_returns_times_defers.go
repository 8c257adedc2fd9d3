package main

// returns x defers: 3 defers x 5 returns = 15 keeps open-coded defers; 4
// defers x 4 returns = 16 does not. Every return path runs its defers.

var log string

func mark(s string) { log = log + s }

func fifteen(n int) int {
	defer mark("a")
	defer mark("b")
	defer mark("c")
	if n == 0 {
		return 0
	}
	if n == 1 {
		return 10
	}
	if n == 2 {
		return 20
	}
	if n == 3 {
		return 30
	}
	return 40
}

func sixteen(n int) int {
	defer mark("w")
	defer mark("x")
	defer mark("y")
	defer mark("z")
	if n == 0 {
		return 0
	}
	if n == 1 {
		return 10
	}
	if n == 2 {
		return 20
	}
	return 30
}

func main() {
	for n := 0; n < 5; n++ {
		log = ""
		r := fifteen(n)
		println("fifteen", n, r, log)
	}
	for n := 0; n < 4; n++ {
		log = ""
		r := sixteen(n)
		println("sixteen", n, r, log)
	}
}
