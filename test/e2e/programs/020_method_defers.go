package main

// Method and interface-method defers with value and pointer receivers.

type Shape interface {
	Name() string
	Describe(prefix string)
}

type Square struct{ side int }

func (s Square) Name() string            { return "square" }
func (s Square) Describe(prefix string) { println(prefix, "square side", s.side) }

type Circle struct{ r int }

func (c *Circle) Name() string            { return "circle" }
func (c *Circle) Describe(prefix string) { println(prefix, "circle r", c.r) }
func (c *Circle) Grow()                   { c.r++ }

type Acc struct{ total int }

func (a *Acc) Add(n int) { a.total += n; println("add", n, "total", a.total) }
func (a Acc) Show()      { println("show total", a.total) }

func viaInterface(s Shape, tag string) {
	defer s.Describe(tag + " deferred")
	println(tag, "name", s.Name())
}

func main() {
	sq := Square{3}
	ci := &Circle{5}
	viaInterface(sq, "sq")
	viaInterface(ci, "ci")

	var sh Shape = sq
	defer sh.Describe("main interface (square at defer time)")
	sh = ci
	defer sh.Describe("main interface circle")
	defer ci.Grow()

	var a Acc
	defer a.Show()
	defer a.Add(1)
	defer a.Add(2)
	a.total = 10
	println("main body")
}
