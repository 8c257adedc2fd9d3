package main

func main() {
	x := y + 1
	println(x)
	undefinedFunc()
	var t T
	_ = t
}
