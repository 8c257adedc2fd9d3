package main

// Recursion without end in frames of 2 KiB: the goroutine stack reaches
// Go's 1000000000-byte limit long before the JavaScript engine's stack
// (about 400 bytes a frame) runs out.

type block struct {
	words [256]int
}

func grow(n int) int {
	var b block
	b.words[n%256] = n
	return grow(n+1) + b.words[0]
}

func main() {
	println(grow(0))
}
