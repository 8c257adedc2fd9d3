package main

const z = 0

func main() {
	x := 1
	_ = x / 0
	_ = 10 / z
	_ = x % z
	const c = 5 % 0
}
