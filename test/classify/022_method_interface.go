package main

// Method, pointer-method and interface-method defers follow the same rules:
// open-coded outside loops, heap-allocated inside.

type I interface{ M(int) }

type T struct{ n int }

func (t T) M(k int)   { println("M", t.n, k) }
func (t *T) P(k int)  { println("P", t.n, k) }

func f(i I) {
	t := T{1}
	defer t.M(1)
	defer t.P(2)
	defer i.M(3)
}

func g(i I) {
	for k := 0; k < 2; k++ {
		defer i.M(k)
	}
}

func main() {
	f(T{2})
	g(T{3})
}
