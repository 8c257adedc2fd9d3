package main

// A deferred nil func without arguments, unrecovered; the earlier deferred
// call still runs before the crash report.

var done func()

func finish() {
	defer println("first deferred call still runs")
	defer done()
	println("finish body")
}

func main() {
	finish()
}
