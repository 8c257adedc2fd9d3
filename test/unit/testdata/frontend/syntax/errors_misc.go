package main

func main() {
	x := 1 +
	if x {
	}
	y := [3]int{1, 2
	}
}
func f() {
	for i := 0; i < 3; i++ 
	{}
}
func g() { a b }
func h() { var x = 1 foo }
x := 1
