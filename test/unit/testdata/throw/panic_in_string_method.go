package main

// A String method that panics with a value that is not a string while the
// panic value is printed: the fatal error names the value's type.

type Code int

type Name struct{ s string }

func (n *Name) String() string { panic(Code(len(n.s))) }

func main() {
	defer func() {
		println("recovered and panicking again:", recover().(string))
		panic(&Name{"abc"})
	}()
	panic("first")
}
