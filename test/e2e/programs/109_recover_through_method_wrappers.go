package main

// recover() in a method deferred through an interface whose itab calls a
// generated wrapper (a pointer wrapper or a promoted-method wrapper with a
// frame) still stops the panic: the wrapper moves the panic's argp.

type B struct{ n int }

func (b B) Catch() { println("B caught", recover() != nil) }
func (b *B) PCatch() { println("*B caught", recover() != nil) }

type M struct {
	x int
	B
}

type Catcher interface{ Catch() }
type PCatcher interface{ PCatch() }

func f1() {
	var c Catcher = M{1, B{2}}
	defer c.Catch()
	panic("1")
}

func f2() {
	var c PCatcher = &M{1, B{2}}
	defer c.PCatch()
	panic("2")
}

func f3() {
	var c Catcher = &B{3}
	defer c.Catch()
	panic("3")
}

func main() {
	f1()
	f2()
	f3()
	println("done")
}
