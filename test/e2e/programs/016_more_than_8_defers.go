package main

// More than eight defers in a function: open-coding is not possible, so the
// defer records are stack-allocated. They run in order on return and on panic.

var s string

func put(c string) { s = s + c }

func nine() {
	defer put("1")
	defer put("2")
	defer put("3")
	defer put("4")
	defer put("5")
	defer put("6")
	defer put("7")
	defer put("8")
	defer put("9")
}

func tenPanics(fail bool) {
	defer put("a")
	defer put("b")
	defer put("c")
	defer put("d")
	defer put("e")
	if fail {
		panic("ten")
	}
	defer put("f")
	defer put("g")
	defer put("h")
	defer put("i")
	defer put("j")
}

func protect(fail bool) {
	defer func() {
		if r := recover(); r != nil {
			put("[" + r.(string) + "]")
		}
	}()
	tenPanics(fail)
}

func main() {
	nine()
	println(s)
	s = ""
	protect(false)
	println(s)
	s = ""
	protect(true)
	println(s)
}
