package main

// Unrecovered nil pointer dereference inside a method.

type List struct {
	head *Item
}

type Item struct {
	v    int
	next *Item
}

func (l *List) Second() int {
	return l.head.next.v
}

func main() {
	l := &List{head: &Item{v: 1}}
	println("first", l.head.v)
	println("second", l.Second())
}
