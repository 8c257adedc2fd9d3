package main

type I interface{ M() }
type T struct{}

func (*T) M() {}

func main() {
	var i I = T{}
	var s string = 1
	var x int
	x = "a"
	var p *int = &s
	println(i, s, x, p)
}
