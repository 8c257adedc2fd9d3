package main

// Defers inside loops made with goto: each pass through the loop queues a
// deferred call (heap-allocated).

var n = 3

func gotoLoop() {
	i := 0
again:
	defer println("goto defer", i)
	i++
	if i < n {
		goto again
	}
	println("gotoLoop body done", i)
}

func gotoBefore() {
	defer println("defer before the goto loop")
	i := 0
top:
	println("pass", i)
	i++
	if i < n {
		goto top
	}
}

func gotoSkip(skip bool) {
	if skip {
		goto end
	}
	defer println("not skipped")
end:
	println("gotoSkip end", skip)
}

func main() {
	gotoLoop()
	gotoBefore()
	gotoSkip(true)
	gotoSkip(false)
}
