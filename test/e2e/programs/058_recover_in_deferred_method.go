package main

// recover works in any function that is deferred directly, including
// methods with value or pointer receivers, interface methods, method values
// and functions deferred with arguments. A second recover in the same
// deferred call returns nil.

type Guard struct{ name string }

func (g Guard) Catch() {
	if r := recover(); r != nil {
		println(g.name, "value method caught", r.(string))
	}
}

func (g *Guard) CatchPtr(tag string) {
	r := recover()
	println(g.name, "pointer method caught", r.(string), tag)
	println(g.name, "second recover nil:", recover() == nil)
}

type Catcher interface{ Catch() }

func handler(label string, n int) {
	if r := recover(); r != nil {
		println("handler", label, n, "caught", r.(string))
	}
}

func viaValue() {
	defer Guard{"v"}.Catch()
	panic("p1")
}

func viaPointer() {
	g := &Guard{"p"}
	defer g.CatchPtr("tag")
	panic("p2")
}

func viaInterface() {
	var c Catcher = Guard{"i"}
	defer c.Catch()
	panic("p3")
}

func viaMethodValue() {
	g := Guard{"mv"}
	f := g.Catch
	defer f()
	panic("p4")
}

func viaArgs() {
	defer handler("args", 42)
	panic("p5")
}

func viaLoop() {
	for i := 0; i < 2; i++ {
		defer handler("loop", i)
	}
	panic("p6")
}

func main() {
	viaValue()
	viaPointer()
	viaInterface()
	viaMethodValue()
	viaArgs()
	viaLoop()
	println("all recovered")
}
