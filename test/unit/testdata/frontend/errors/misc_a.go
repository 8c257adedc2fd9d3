package main

type T struct{ x T }
type I interface{ M() }
type S struct{ a, b int }

func (*S) P() {}

const c = 1

func f(a int) {}

func main() {
	var b byte = byte(300)
	_ = b
	c = 2
	s := "abc"
	s[0] = 'x'
	S{}.P()
	_ = S{1}
	_ = S{z: 1}
	_ = S{a: 1, 2}
	_ = S{1, 2, 3}
	var i I
	_ = i.(S)
	var x int
	_ = x.(int)
	x.foo = 1
	f()
	_ = len(1)
	_ = len()
	var p **S
	p.a = 1
	x++
	s++
	_ = [2]int{1, 2, 3}
	_ = [...]int{5: 1}[7]
	_ = S{a: 1, a: 2}
	_ = &x
	_ = &c
	type L int
	var y int = "s" + 1
	_ = s[5]
	_ = int("s")
}
