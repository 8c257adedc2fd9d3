package main

// A value method called through a nil pointer held in an interface faults
// in the pointer wrapper instead of reading a zero value.

type I interface{ M() }
type T int

func (t T) M() { println("M", int(t)) }

type S struct{ a, b int }

func (s S) Sum() int { return s.a + s.b }

type Summer interface{ Sum() int }

func sum(x Summer) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error)
		}
	}()
	return x.Sum(), nil
}

func main() {
	n, err := sum(&S{1, 2})
	println(n, err == nil)
	var ps *S
	var x Summer = ps
	n, err = sum(x)
	println(n, err != nil)
	var i I = T(3)
	defer i.M()
	i = T(4)
	defer i.M()
	var p *T
	var j I = p
	defer func() {
		println("recovered:", recover().(error).Error())
	}()
	defer j.M()
}
