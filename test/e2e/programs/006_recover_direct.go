package main

// recover called directly by the deferred function stops the panic; the
// function then returns normally to its caller.

func safe(name string) {
	defer func() {
		r := recover()
		if r != nil {
			println(name, "recovered:", r.(string))
		} else {
			println(name, "nothing to recover")
		}
	}()
	if name == "bad" {
		panic("bad input")
	}
	println(name, "ok")
}

func main() {
	safe("good")
	safe("bad")
	safe("good again")
	println("main continues")
}
