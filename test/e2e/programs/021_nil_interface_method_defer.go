package main

// Deferring a method call on a nil interface panics at the defer statement,
// because the method is looked up then; deferring a method with a pointer
// receiver on a nil pointer does not panic until the method uses it.

type Greeter interface{ Greet() }

type T struct{ name string }

func (t *T) Greet() {
	if t == nil {
		println("greet on nil *T")
		return
	}
	println("greet", t.name)
}

func nilInterface() {
	defer func() {
		r := recover()
		println("nilInterface recovered:", r.(error).Error())
	}()
	var g Greeter
	println("before defer")
	defer g.Greet()
	println("not reached")
}

func nilPointerInInterface() {
	var t *T
	var g Greeter = t
	defer g.Greet()
	println("nil *T in interface deferred fine")
}

func main() {
	nilInterface()
	nilPointerInInterface()
}
