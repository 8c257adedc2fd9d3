package main

var a = b
var b = a

type I interface{ M() }
type T struct{}
type S struct{ a, b int }

func f(a int) {}

func main() {
	var x int
	var i I
	_ = x.(int)
	x.foo = 1
	f()
	_ = len(1)
	_ = len()
	var p **S
	p.a = 1
	x++
	s := "abc"
	s++
	_ = i
}
