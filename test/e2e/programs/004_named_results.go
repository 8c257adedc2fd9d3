package main

// Deferred closures can read and change named results after the return
// statement has assigned them.

func double() (r int) {
	defer func() { r *= 2 }()
	return 21
}

func pair() (a int, b string) {
	defer func() {
		a++
		b = b + "!"
	}()
	a, b = 1, "x"
	return a + 10, "hi"
}

func observe() (n int) {
	defer func() { println("observe sees result", n) }()
	n = 5
	return n * 3
}

func chain() (s string) {
	defer func() { s = s + "1" }()
	defer func() { s = s + "2" }()
	defer func() { s = s + "3" }()
	return "r"
}

func unnamed() int {
	x := 1
	defer func() { x = 100 }()
	return x
}

func main() {
	println(double())
	a, b := pair()
	println(a, b)
	println(observe())
	println(chain())
	println(unnamed())
}
