package main

// A struct embedding an interface has its methods: calls, method values,
// defers and interface conversions reach the embedded value's method.

type IDer interface{ ID() int }

type Namer interface {
	IDer
	Name() string
}

type B struct{ n int }

func (b B) ID() int        { return b.n }
func (b *B) Name() string  { return "B" }

type Wrap struct {
	x int
	Namer
}

type Outer struct {
	tag string
	*Wrap
}

func main() {
	w := Wrap{5, &B{3}}
	println(w.ID(), w.Name())
	var i IDer = w
	println(i.ID())
	o := Outer{"o", &w}
	var n Namer = o
	println(n.ID(), n.Name())
	f := o.ID
	w.Namer = &B{4}
	println(f(), o.ID())
	defer println("deferred", o.Name(), o.ID())
	defer o.ID()
	defer func() { println("recovered:", recover().(error).Error()) }()
	var z Wrap
	var zi IDer = z
	println(zi.ID())
}
