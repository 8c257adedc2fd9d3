package main

// A deferred call panics while an earlier panic is running its deferred
// calls; an older deferred call recovers the new panic. The first panic is
// abandoned and the function returns normally.

func f() (r string) {
	defer func() {
		r = "recovered " + recover().(string)
	}()
	defer func() {
		panic("B")
	}()
	defer println("runs during panic A")
	panic("A")
}

func inner() {
	defer func() {
		panic("second")
	}()
	panic("first")
}

func g() (r string) {
	defer func() {
		r = "g recovered " + recover().(string)
	}()
	inner()
	return "not reached"
}

func main() {
	println(f())
	println(g())
	println("recover after everything:", recover() == nil)
}
