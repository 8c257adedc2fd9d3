package main

// A blank identifier among the targets of a multi-value call or a comma-ok
// assertion takes its value without changing the type of the call.

type pair struct{ a, b int }

func two() (int, error)      { return 1, nil }
func three() (pair, string, bool) { return pair{1, 2}, "s", true }

func main() {
	var err error
	_, err = two()
	println(err == nil)
	a, _ := two()
	var _, e = two()
	p, _, ok := three()
	_, s, _ := three()
	var i any = 3
	var v int
	v, _ = i.(int)
	_, ok2 := i.(string)
	_ = 5
	_ = "x"
	var _ = 1 << 3
	println(a, e == nil, p.b, ok, s, v, ok2)
	defer func() {
		_, err = two()
		println("deferred", err == nil)
	}()
}
