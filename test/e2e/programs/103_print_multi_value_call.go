package main

// print and println take the results of a single multi-value call, as
// arguments; deferred, the call is made at the defer statement.

type T struct{ n int }

func (t T) pair() (int, bool) { return t.n, t.n > 1 }

func divmod(a, b int8) (int8, int8) { return a / b, a % b }

func three() (string, uint8, error) { return "s", 255, nil }

func counted() (int, int) {
	calls++
	return calls, -calls
}

var calls int

func main() {
	println(divmod(-128, -1))
	println(divmod(-7, 2))
	print(divmod(7, -2))
	println()
	println(three())
	println(T{2}.pair())
	defer println(counted())
	defer print(counted())
	calls = 100
	println(counted())
}
