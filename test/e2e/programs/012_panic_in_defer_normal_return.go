package main

// A deferred call panics while its function returns normally; the caller's
// deferred function recovers it. Deferred calls queued earlier still run.

func work() int {
	defer println("work: earliest defer runs during the panic")
	defer func() {
		panic("from deferred call")
	}()
	defer println("work: last defer runs first")
	println("work body")
	return 1
}

func call() (res int) {
	defer func() {
		if r := recover(); r != nil {
			println("call recovered:", r.(string))
			res = -1
		}
	}()
	return work()
}

func main() {
	println("result", call())
}
