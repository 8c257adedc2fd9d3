package main

func main() {
	x := 1
	x = 0x
	y := 09
	z := 1__0
}
