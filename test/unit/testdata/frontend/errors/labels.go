package main

func main() {
L:
	for {
		break M
	}
	goto N
U:
	println()
}
