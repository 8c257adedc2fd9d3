package main

// Methods promoted through embedded fields, embedded values and pointers,
// at any position in the struct: direct calls, method values, defers and
// interface calls through generated wrappers.

type Base struct{ id int }

func (b Base) ID() int       { return b.id }
func (b *Base) SetID(i int)  { b.id = i }
func (b Base) Name() string  { return "base" }

type Mid struct {
	tag string
	Base
}

func (m Mid) Name() string { return "mid:" + m.tag }

type Top struct {
	extra [2]int
	*Mid
}

type IDer interface{ ID() int }
type Setter interface{ SetID(int) }
type Namer interface{ Name() string }

func show(tag string, i IDer) { println(tag, i.ID()) }

func main() {
	m := Mid{"t", Base{1}}
	println(m.ID(), m.Name(), m.Base.Name())
	m.SetID(5)
	println(m.ID())
	var i IDer = m
	m.SetID(6)
	println(i.ID(), m.ID())
	var ip IDer = &m
	m.SetID(7)
	println(ip.ID())
	var s Setter = &m
	s.SetID(8)
	println(m.id)
	t := Top{[2]int{1, 2}, &m}
	println(t.ID(), t.Name(), t.tag)
	t.SetID(9)
	println(m.id)
	var n Namer = t
	println(n.Name())
	show("top", t)
	show("&top", &t)
	f := m.ID
	g := t.SetID
	m.SetID(10)
	g(11)
	println(f(), m.id)
	defer show("deferred", t)
	defer t.SetID(12)
	defer println("deferred id", t.ID())
	var tn Top
	defer func() {
		println("recovered:", recover().(error).Error())
		println(m.id)
	}()
	println(tn.ID())
}
