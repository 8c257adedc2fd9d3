package main

// Eight conditional defers in one function, driven through all 256 bit
// patterns. Every third pattern also panics at the end, so the deferred calls
// that were set run during the panic as well as on a normal return.

var out string

func add(s string) {
	out = out + s
}

func f(mask uint8) (r int) {
	if mask&1 != 0 {
		defer add("0")
	}
	if mask&2 != 0 {
		defer func() { out = out + "1" }()
	}
	if mask&4 != 0 {
		defer add("2")
	}
	if mask&8 != 0 {
		defer func(m uint8) {
			if m&8 != 0 {
				out = out + "3"
			}
		}(mask)
	}
	if mask&16 != 0 {
		defer add("4")
	}
	if mask&32 != 0 {
		defer func() { r += 1000 }()
	}
	if mask&64 != 0 {
		defer add("6")
	}
	if mask&128 != 0 {
		defer func() { out = out + "7" }()
	}
	if mask%3 == 0 {
		panic(int(mask))
	}
	return int(mask)
}

func call(mask uint8) (r int) {
	defer func() {
		if p := recover(); p != nil {
			out = out + "p"
			r = -p.(int)
		}
	}()
	return f(mask)
}

func main() {
	for m := 0; m < 256; m++ {
		out = ""
		r := call(uint8(m))
		println(m, r, out)
	}
}
