package main

// Integer arithmetic wraps at each width; division and modulo truncate
// toward zero, MinInt / -1 wraps; shifts by counts at or beyond the width.

func main() {
	var x uint8 = 255
	var y int8 = -128
	for i := 0; i < 3; i++ {
		x++
		y--
		println(x, y)
	}
	var u16 uint16 = 65535
	u16 *= u16
	println(u16)
	var i32 int32 = -2147483648
	println(i32/-1, i32%-1, -i32, i32*-1)
	var u64 uint64 = 1<<64 - 1
	println(u64*u64, u64+2, u64/3, u64%7)
	var i64 int64 = -1 << 63
	println(i64-1, i64/-1, i64%-1)
	var a, b int16 = -7, 3
	println(a/b, a%b, -a/b, a/-b, a%-b)
	var c uint32 = 7
	println(c-8, c<<31, c>>1, ^c, c&^5, c|8, c^2)
	var sh uint = 65
	var one int64 = 1
	println(one<<sh, -one>>sh, one<<63>>63)
	var mu int8 = -1
	println(uint8(mu)>>1, mu>>1, mu>>7)
}
