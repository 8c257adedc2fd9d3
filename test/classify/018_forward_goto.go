package main

// A forward goto does not make a loop: the defer is open-coded.

var skip = false

func f() {
	if skip {
		goto end
	}
	defer println("deferred")
end:
	println("end")
}

func main() {
	f()
}
