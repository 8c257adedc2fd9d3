package main

// The three kinds of defer. Build with -d=defer to see how each statement is
// compiled.

var rounds = 3

// openCoded: few defers, none in a loop. The deferred calls are compiled
// inline at the function's exit; a bit mask records which ones to run.
func openCoded(verbose bool) {
	defer println("open-coded: always")
	if verbose {
		defer println("open-coded: only when verbose")
	}
}

// stackAllocated: more than eight defers, so no open-coding; each defer
// record lives in the function's own stack frame.
func stackAllocated() {
	total := 0
	defer func() { println("stack-allocated: total", total) }()
	defer func() { total += 1 }()
	defer func() { total += 2 }()
	defer func() { total += 3 }()
	defer func() { total += 4 }()
	defer func() { total += 5 }()
	defer func() { total += 6 }()
	defer func() { total += 7 }()
	defer func() { total += 8 }()
}

// heapAllocated: a defer in a loop may run any number of times, so each
// record is allocated on the heap and linked into the goroutine's chain.
func heapAllocated() {
	for i := 0; i < rounds; i++ {
		defer println("heap-allocated: round", i)
	}
}

func main() {
	openCoded(true)
	stackAllocated()
	heapAllocated()
}
