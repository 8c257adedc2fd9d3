package main

func f() int { return 1 }

func main() {
	x := 1
	x
	x + 1
	1
	f
	"s"
	len("abc")
}
