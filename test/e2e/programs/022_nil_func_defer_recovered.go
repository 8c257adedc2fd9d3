package main

// Deferring a nil func value does not panic at the defer statement; the panic
// happens when the function exits and the deferred call runs. Deferred calls
// queued before it still run.

var fn func()

func deferNil() {
	defer println("queued before the nil func: still runs")
	defer fn()
	defer println("queued after the nil func: runs first")
	println("defer statement did not panic")
}

func main() {
	defer func() {
		r := recover()
		err, ok := r.(error)
		println("recovered error:", ok, err.Error())
	}()
	deferNil()
	println("not reached")
}
