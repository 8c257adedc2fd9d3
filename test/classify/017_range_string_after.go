package main

// A range loop over a string with no defer in it, then a defer: open-coded.

func f(s string) (count int) {
	for range s {
		count++
	}
	defer func() { count *= 2 }()
	return count
}

func main() {
	println(f("héllo"))
}
