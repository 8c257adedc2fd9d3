package main

// A result parameter whose address is stored in a global moves to the heap;
// the function's defers are then not open-coded, but the deferred closure
// still sees and changes the result, and the caller sees the final value.

var keep *int

func f(n int) (r int) {
	keep = &r
	defer func() { r = r*10 + 1 }()
	if n < 0 {
		panic("negative")
	}
	r = n
	return r + 1
}

func g(n int) (r int) {
	defer func() {
		if recover() != nil {
			r = -100
		}
	}()
	return f(n)
}

func main() {
	v := f(4)
	println(v, *keep)
	v = g(2)
	println(v, *keep)
	v = g(-1)
	println(v, *keep)
}
