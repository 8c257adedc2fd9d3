package main

// Labeled break and continue in loops containing defers, and a switch with
// fallthrough deciding which defers are queued.

func grid() {
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			defer println("grid", i, j)
		}
	}
	println("grid done")
}

func pick(k int) {
	switch k {
	case 0:
		defer println("case 0")
		fallthrough
	case 1:
		defer println("case 1 (or fell through)")
	case 2:
		defer println("case 2")
	default:
		defer println("default")
	}
	println("pick", k)
}

func search(target byte) (pos int) {
	pos = -1
	s := "deferlab"
	defer func() { println("search", string(rune(target)), "->", pos) }()
loop:
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == target:
			pos = i
			break loop
		case s[i] == 'l':
			continue
		}
	}
	return
}

func main() {
	grid()
	for k := 0; k < 4; k++ {
		pick(k)
	}
	search('r')
	search('b')
	search('z')
}
