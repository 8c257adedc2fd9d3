package main

// Deferred method calls and method values evaluate their receivers at the
// defer statement, in loops too (heap-allocated defers).

type T struct{ n int }

func (t T) show()   { println("show", t.n) }
func (t *T) pshow() { println("pshow", t.n) }

func main() {
	t := T{1}
	defer t.show()
	defer t.pshow()
	f := t.show
	defer f()
	var g func()
	g = t.pshow
	defer g()
	t.n = 2
	arr := [2]T{{10}, {20}}
	for i := range arr {
		defer arr[i].show()
		defer arr[i].pshow()
	}
	arr[0].n = 11
	arr[1].n = 21
}
