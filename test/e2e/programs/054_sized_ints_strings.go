package main

// Sized integers and strings as deferred-call arguments, evaluated at the
// defer statement.

type Byte uint8

func show(a int8, b uint16, c int32, d uint64, e uintptr, f Byte) {
	println("ints", a, b, c, d, e, uint8(f))
}

func text(s string, r rune, b byte) {
	println("text", s, len(s), string(r), b)
}

func main() {
	var a int8 = 127
	var b uint16 = 65535
	var c int32 = -2147483648
	var d uint64 = 1<<64 - 1
	var e uintptr = 4096
	var f Byte = 255
	defer show(a, b, c, d, e, f)
	a++
	b++
	c--
	d++
	e *= 2
	f++
	defer show(a, b, c, d, e, f)

	s := "go"
	s = s + "lang"
	defer text(s, 'λ', s[1])
	s = s + "!"
	defer text(s+"?", rune(s[0]), s[len(s)-1])
	println("compare", s < "gp", s == "golang!", s > "go")
}
