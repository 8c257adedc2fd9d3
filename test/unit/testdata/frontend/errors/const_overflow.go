package main

const big = 1 << 70

func main() {
	var b byte = 300
	b = 256
	var i8 int8 = -129
	x := big
	var u uint = -1
	const c int32 = 1 << 31
	b += 300
	println(b, i8, x, u, c)
}
