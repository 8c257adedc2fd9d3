package main

type Shape interface{ Area() int }

type Sq struct{ s int }

func (q Sq) Area() int { return q.s * q.s }

type Rect struct{ w, h int }

func (r *Rect) Area() int { return r.w * r.h }

type Named interface {
	Shape
	Name() string
}

type Circle struct{ r int }

func (c Circle) Area() int     { return 3 * c.r * c.r }
func (c Circle) Name() string  { return "circle" }

func main() {
	var s Shape = Sq{2}
	var a any = Sq{2}
	println(a == s, s == a, a != s)
	a = Sq{3}
	println(a == s)
	r := &Rect{2, 3}
	s = r
	a = r
	println(a == s)
	a = &Rect{2, 3}
	println(a == s)
	var n Named = Circle{1}
	s = Circle{1}
	println(n == s, s == n)
	s = Circle{2}
	println(n == s)
	var ns Shape
	var na any
	println(ns == na)
	na = ns
	println(na == nil)
	defer func() {
		println(recover().(error).Error())
	}()
	var f any = [1]func(){}
	var g any = [1]func(){}
	println(f == g)
}
