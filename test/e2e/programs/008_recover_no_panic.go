package main

// Outside a panic, recover returns nil: in ordinary code, and in deferred calls
// run by a normal return.

func plain() {
	println("plain recover nil:", recover() == nil)
}

func deferredNormal() (n int) {
	defer func() {
		if recover() == nil {
			n = 7
		}
	}()
	return 1
}

func afterRecovered() {
	defer func() {
		println("second recover nil:", recover() == nil)
	}()
	defer func() {
		println("first recover:", recover().(string))
	}()
	panic("once")
}

func main() {
	plain()
	println("deferredNormal:", deferredNormal())
	afterRecovered()
	println("main recover nil:", recover() == nil)
}
