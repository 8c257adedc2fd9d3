package main

// A panic is recovered and a new panic is raised from the same deferred call;
// three panics in a chain. Go prints the recovered ones with "[recovered]".

func level3() {
	panic("a")
}

func level2() {
	defer func() {
		r := recover()
		println("level2 recovered", r.(string))
		panic("b")
	}()
	level3()
}

func level1() {
	defer func() {
		println("level1 deferred call, no recover")
		panic("c")
	}()
	level2()
}

func main() {
	level1()
}
