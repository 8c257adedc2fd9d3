package main
func main() {
	switch x {
	case 1 2:
	}
	if x := 3 {
	}
}
