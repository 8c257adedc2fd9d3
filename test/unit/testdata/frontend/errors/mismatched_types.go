package main

func main() {
	var a int = 1
	var b int64 = 2
	c := a + b
	var s string = "x"
	d := s + a
	println(c, d)
}
