package main

// Deep recursion with large frames forces the goroutine stack to grow while
// deferred calls of every kind are pending and reference the frames' own
// variables; after a panic at the bottom is recovered at the top, every
// deferred call sees the right values.

type Block struct {
	data [64]int
	tag  int
}

var sum int
var calls int

func openFrame(n int) {
	var b Block
	b.tag = n
	b.data[63] = n * 2
	defer func() {
		sum += b.data[63] - b.tag
		calls++
	}()
	if n == 0 {
		panic("bottom")
	}
	stackFrame(n - 1)
}

func stackFrame(n int) {
	var b Block
	b.tag = n
	p := &b.data[10]
	*p = 3
	for i := 0; i < never; i++ {
		defer func() {}()
	}
	defer func(q *int, want int) {
		if *q != 3 || b.tag != want {
			println("bad frame", n)
		}
		calls++
	}(p, n)
	if n == 0 {
		panic("bottom")
	}
	heapFrame(n - 1)
}

func heapFrame(n int) {
	var b Block
	b.tag = n
	for i := 0; i < 2; i++ {
		defer func(k int) {
			sum += k
			if b.tag != n {
				println("bad heap frame", n)
			}
			calls++
		}(i)
	}
	if n == 0 {
		panic("bottom")
	}
	openFrame(n - 1)
}

var never = 0

func main() {
	defer func() {
		println("recovered", recover().(string), "sum", sum, "calls", calls)
	}()
	openFrame(3000)
}
