package main

// An Error method that panics while the panic value is printed is a fatal
// error naming the new panic's string value; the traceback, a throw's,
// shows the pointer wrapper the itab called.

type Bad struct{ n int }

func (b Bad) Error() string {
	if b.n > 0 {
		panic("error method panics")
	}
	return "fine"
}

func main() {
	defer println("deferred runs first")
	panic(Bad{1})
}
