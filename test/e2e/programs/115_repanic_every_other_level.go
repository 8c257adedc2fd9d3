package main

// A panic recovered and re-raised with a new value at every other level of a
// recursion.

func f(depth int) {
	defer func() {
		if depth%2 == 0 {
			if r := recover(); r != nil {
				println("recovered at", depth, r.(int))
				panic(r.(int) + 1)
			}
		}
	}()
	if depth == 6 {
		panic(100)
	}
	f(depth + 1)
}

func main() {
	defer func() {
		println("main", recover().(int))
	}()
	f(0)
}
