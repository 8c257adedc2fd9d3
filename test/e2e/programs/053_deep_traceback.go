package main

// An unrecovered panic 150 calls deep: Go's traceback stops after a fixed
// number of frames, so main.main is not listed.

func down(n int) int {
	if n == 0 {
		panic("deep")
	}
	return down(n-1) + 1
}

func main() {
	println(down(150))
}
