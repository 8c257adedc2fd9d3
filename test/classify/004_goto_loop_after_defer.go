package main

// A defer before a backward goto loop stays open-coded.

var n = 3

func f() {
	defer println("deferred")
	i := 0
again:
	println("pass", i)
	i++
	if i < n {
		goto again
	}
}

func main() {
	f()
}
