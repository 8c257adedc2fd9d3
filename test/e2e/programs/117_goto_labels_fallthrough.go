package main

// goto loops, labeled continue and break across nested loops, tagless switch
// with fallthrough, and defers in a goto loop.

func main() {
	i := 0
loop:
	if i < 5 {
		println("i", i)
		i++
		goto loop
	}
	n := 0
outer:
	for a := 0; a < 4; a++ {
		for b := 0; b < 4; b++ {
			if b == a {
				continue outer
			}
			if a == 3 {
				break outer
			}
			n += a*10 + b
			println(a, b)
		}
	}
	println("n", n)
	x := 3
	switch {
	case x > 2:
		println("gt2")
		fallthrough
	case x > 100:
		println("gt100 (fell)")
		fallthrough
	default:
		println("default")
	case x < 0:
		println("neg")
	}
	switch x {
	case 1, 2, 3:
		println("small")
		if x == 3 {
			break
		}
		println("not reached")
	case 4:
	}
	j := 0
L:
	for {
		switch {
		case j > 3:
			break L
		}
		j++
	}
	println("j", j)
	k := 0
back:
	k++
	if k < 3 {
		defer println("defer in goto loop", k)
		goto back
	}
}
