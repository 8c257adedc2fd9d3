package main

const k = j
const j = k

type S struct{ a, b int }
type T struct{}

func main() {
	x := 1
	s := "s"
	_ = [2]int{1, 2, 3}
	_ = [...]int{5: 1}[7]
	_ = S{a: 1, a: 2}
	_ = &x
	const c = 1
	_ = &c
	var y int = "s" + 1
	_ = s[5]
	_ = int("s")
	_ = "abc"[5]
}
