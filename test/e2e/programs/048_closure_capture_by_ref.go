package main

// Closures capture variables by reference; deferred closures and their
// enclosing function share the variables.

func counter() (func() int, func()) {
	n := 0
	inc := func() int {
		n++
		return n
	}
	report := func() {
		println("counter at", n)
	}
	return inc, report
}

func shared() (result int) {
	total := 0
	add := func(k int) { total += k }
	defer func() { result = total }()
	defer add(5)
	add(1)
	add(2)
	return -1
}

func main() {
	inc, report := counter()
	defer report()
	inc()
	inc()
	report()
	println("shared", shared())
	msg := "start"
	defer func() { println("msg is", msg) }()
	msg = msg + "+changed"
	inc()
}
