package main

// Deferred calls that themselves recurse deeply while a panic is in
// progress: the stack grows during gopanic, and the panic and defer records
// on it must move too.

func deep(n int) int {
	var pad [24]int
	pad[n%24] = n
	if n == 0 {
		return 0
	}
	return deep(n-1) + 1 + pad[n%24] - n
}

func level(n int) {
	defer func() {
		println("level", n, "deferred call recursed", deep(250*(n+1)))
	}()
	if n == 0 {
		panic("at the bottom")
	}
	level(n - 1)
}

func main() {
	defer func() {
		println("main recovered:", recover().(string))
	}()
	level(4)
}
