package main

func two() (int, int) { return 1, 2 }

func main() {
	a, b := 1
	c := two()
	var d, e int = 1
	d, e = two(), 1
	println(a, b, c, d, e)
}
