package main

// Runtime errors are panics whose values are errors with Go's messages.

type Animal interface{ Sound() string }

type Dog struct{}

func (Dog) Sound() string { return "woof" }

type Rock struct{}

type Flyer interface{ Fly() }

type Node struct {
	val  int
	next *Node
}

var zero = 0
var idx = 7

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			println(name+":", err.Error())
			return
		}
		println(name+": no error")
	}()
	f()
}

func main() {
	try("divide", func() {
		x := 10
		println(x / zero)
	})
	try("modulo", func() {
		var x int8 = 3
		println(x % int8(zero))
	})
	try("nil pointer", func() {
		var n *Node
		println(n.val)
	})
	try("nil pointer field chain", func() {
		n := &Node{val: 1}
		println(n.next.next.val)
	})
	try("nil func call", func() {
		var f func()
		f()
	})
	try("array index", func() {
		var a [5]int
		println(a[idx])
	})
	try("negative index", func() {
		var a [3]byte
		i := idx - 10
		println(a[i])
	})
	try("string index", func() {
		s := "abc"
		println(s[idx])
	})
	try("assert concrete", func() {
		var v interface{} = "str"
		println(v.(int))
	})
	try("assert named type", func() {
		var v interface{} = Dog{}
		_ = v.(Rock)
	})
	try("assert interface", func() {
		var v interface{} = Rock{}
		println(v.(Animal).Sound())
	})
	try("assert nil", func() {
		var v interface{}
		println(v.(string))
	})
	try("assert nil to interface", func() {
		var v interface{}
		_ = v.(Animal)
	})
	try("assert between interfaces", func() {
		var a Animal = Dog{}
		a.(Flyer).Fly()
	})
	try("assert from non-empty interface", func() {
		var a Animal = Dog{}
		_ = a.(*Dog)
	})
	try("fine", func() {
		var v interface{} = Dog{}
		println(v.(Animal).Sound())
	})
}
