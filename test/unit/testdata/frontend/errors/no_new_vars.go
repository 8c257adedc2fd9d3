package main

func main() {
	a := 1
	a := 2
	a, b := 3, 4
	println(a, b)
	_ := 5
}
