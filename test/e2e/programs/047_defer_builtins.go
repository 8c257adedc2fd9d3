package main

// Builtin calls can be deferred: println, print, panic and recover.

func deferPanic() {
	defer func() {
		println("recovered deferred panic:", recover().(string))
	}()
	defer panic("deferred panic")
	println("deferPanic body")
}

func deferRecover() {
	defer func() {
		// The deferred recover() below ran as a deferred call of this
		// function literal, directly from the panic: it stopped the panic.
		println("after deferred recover")
	}()
	defer func() {
		defer recover()
	}()
	panic("stopped by deferred recover")
}

func main() {
	x := 1
	defer println("deferred println sees x =", x)
	defer print("deferred print\n")
	x = 2
	deferPanic()
	deferRecover()
	println("main body done, x =", x)
}
