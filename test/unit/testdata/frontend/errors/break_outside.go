package main

func main() {
	break
	continue
	for {
		func() { break }()
	}
	switch {
	case true:
		continue
	}
}
