package main

// An unrecovered panic from a deferred nil func: it happens at function exit.

var cb func(int)

func run() {
	defer cb(1)
	println("run body finished")
}

func main() {
	run()
	println("not reached")
}
