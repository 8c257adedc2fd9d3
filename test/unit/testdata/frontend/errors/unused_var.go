package main

func main() {
	x := 1
	var y int
	a, b := 1, 2
	_ = a
}
