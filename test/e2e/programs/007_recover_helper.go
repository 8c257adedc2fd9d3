package main

// recover only works when called directly by the deferred function. Called
// from a helper that the deferred function calls, it returns nil and the panic
// goes on.

func helper() interface{} {
	return recover()
}

func tryHelper() {
	defer func() {
		r := helper()
		println("helper's recover is nil:", r == nil)
	}()
	panic("still panicking")
}

func main() {
	defer func() {
		r := recover()
		println("main recovered:", r.(string))
	}()
	tryHelper()
	println("not reached")
}
