package main

func f(a int, b string) int { return a }

func main() {
	f(1)
	f(1, "a", 3)
	println(f(1, 2))
}
