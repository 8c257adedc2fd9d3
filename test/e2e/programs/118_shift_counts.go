package main

// Shifts by variable, huge and negative counts at every width; a negative
// count panics.

func shl8(x int8, s uint) int8     { return x << s }
func shr8(x int8, s uint) int8     { return x >> s }
func shru8(x uint8, s uint) uint8  { return x >> s }
func shl32(x uint32, s uint) uint32 { return x << s }
func shr32(x int32, s uint64) int32 { return x >> s }
func shl64(x int64, s uint) int64  { return x << s }
func shr64(x int64, s uint8) int64 { return x >> s }
func shru64(x uint64, s uint16) uint64 { return x >> s }
func shli(x int, s int) int { return x << s }

func main() {
	println(shl8(1, 7), shl8(1, 8), shl8(3, 7), shl8(1, 100))
	println(shr8(-128, 7), shr8(-128, 8), shr8(-1, 200), shr8(64, 9))
	println(shru8(255, 7), shru8(255, 8), shru8(255, 255))
	println(shl32(1, 31), shl32(1, 32), shl32(1, 33), shl32(0xffffffff, 16))
	println(shr32(-5, 1), shr32(-5, 32), shr32(-5, 1<<40), shr32(5, 1<<40))
	println(shl64(1, 63), shl64(1, 64), shl64(1, 1000))
	println(shr64(-1, 63), shr64(-9, 64), shr64(9, 255))
	println(shru64(1<<63, 63), shru64(1<<63, 64), shru64(1<<63, 65535))
	println(shli(1, 62), shli(1, 64), shli(5, 0))
	var s uint = 70
	var u uint32 = 1
	println(u<<s, u<<(s-40))
	var i8 int8 = 1
	i8 <<= 7
	println(i8)
	i8 >>= 3
	println(i8)
	defer func() {
		r := recover()
		println("recovered:", r.(error).Error())
	}()
	println(shli(1, -1))
}
