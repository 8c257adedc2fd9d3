package main

// recover in a function deferred by a deferred function: it runs from the
// deferred function's return, not from the panic, so it returns nil and the
// panic continues. When the deferred function itself panics, its own deferred
// function is run by that new panic and can recover it.

func stopper() {
	defer func() {
		println("stopper's deferred recover is nil:", recover() == nil)
	}()
}

func a() {
	defer println("a: earlier defer still runs")
	defer stopper()
	panic("not caught by stopper")
}

func b() {
	defer func() {
		println("b: outer recover:", recover().(string))
	}()
	defer func() {
		defer func() {
			println("b: nested recover:", recover().(string))
		}()
		panic("second")
	}()
	panic("first")
}

func main() {
	func() {
		defer func() {
			println("main recovered:", recover().(string))
		}()
		a()
	}()
	b()
	println("after b")
}
