package main

// Deferred method values: the receiver is bound when the method value (or the
// deferred method call) is evaluated.

type Counter struct {
	name string
	n    int
}

func (c Counter) Value() { println("value receiver", c.name, c.n) }

func (c *Counter) Ptr() { println("pointer receiver", c.name, c.n) }

func main() {
	c := Counter{"c", 1}
	v := c.Value
	p := c.Ptr
	defer v()
	defer p()
	defer c.Value()
	defer c.Ptr()
	c.n = 2
	c.name = "renamed"
	v2 := c.Value
	defer v2()
	c.n = 3
	println("main body", c.n)
}
