package main

type T struct{ a int }

func main() {
	var t T
	_ = t + t
	_ = !1
	_ = -"s"
	s := "abc"
	_ = s - s
	var b bool
	_ = b < b
	_ = 1 << -1
}
