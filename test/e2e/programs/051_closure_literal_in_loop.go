package main

// A function literal called inside a loop has its own defers; they belong to
// the literal (which is not in a loop itself) and run at the end of each call.

func main() {
	total := 0
	for i := 0; i < 3; i++ {
		func(k int) {
			defer func() { total += k }()
			defer println("literal defer", k)
			println("literal body", k)
		}(i)
		println("after call", i, "total", total)
	}
	for i := 0; i < 2; i++ {
		func() {
			defer func() {
				if r := recover(); r != nil {
					println("literal recovered", r.(int))
				}
			}()
			panic(i * 10)
		}()
	}
	println("total", total)
}
