package main

func main() {
	goto L
	x := 1
	println(x)
L:
	println()
	goto M
	{
	M:
		println()
	}
}
