package main

// The result parameter's address is stored in a global, so it moves to the
// heap and the function needs exit code to copy it back: no open-coded
// defers, the defer is stack-allocated.

var p *int

func f() (r int) {
	p = &r
	defer func() { r++ }()
	return 1
}

func main() {
	println(f())
}
