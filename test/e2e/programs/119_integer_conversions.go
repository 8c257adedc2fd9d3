package main

// Conversions between integer widths and signedness, and string(rune) of
// values that are not runes.

func main() {
	var x int = -1
	println(uint8(x), uint16(x), uint32(x), uint64(x), uint(x), uintptr(x))
	println(int8(x), int16(x), int32(x))
	var y int64 = 0x123456789abcdef0
	println(int8(y), uint8(y), int16(y), uint16(y), int32(y), uint32(y))
	var z uint8 = 200
	println(int8(z), int16(int8(z)), uint16(int8(z)), int64(int8(z)), uint64(int8(z)))
	var w int32 = -2147483648
	println(uint32(w), int64(w), uint64(w), int16(w), uint16(w))
	var v uint32 = 0xfffffff0
	println(int32(v), int64(v), int(v), int8(v))
	var r rune = 0x10FFFF + 1
	println(string(r) == "\uFFFD", len(string(r)))
	var b byte = 'A'
	println(string(rune(b)), rune(b), b+1)
	var u16 uint16 = 0xd800
	println(len(string(rune(u16))), string(rune(u16)) == "\uFFFD")
	var neg int64 = -1
	println(string(rune(neg)) == "\uFFFD")
	var big int = 0x100000041
	println(string(rune(big)))
	println(int8(127)+int8(x), uint8(x)+1)
}
