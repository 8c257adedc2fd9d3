package main

// Unrecovered failed type assertion.

type Celsius int

func describe(v any) int {
	return int(v.(Celsius))
}

func main() {
	println(describe(Celsius(20)))
	println(describe(20))
}
