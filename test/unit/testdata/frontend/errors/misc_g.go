package main

type T struct{}

func main() {
	defer len("s")
	defer int(3)
	defer recover()
	var q = nil
	var t T
	t.M()
	_ = T.M
	_ = t == t
	_ = main == main
	var f func()
	_ = f == nil
	_ = f == f
	_ = q
	var u uint = 1
	_ = u << 70
	_ = -u
	const big = 1 << 62
	_ = big * 4
	const c int8 = 100
	_ = c * 2
}
