package main

// Struct and array arguments to deferred calls are copied when the defer
// statement executes; later changes do not affect them.

type Point struct {
	X, Y int
	Name string
}

type Big struct {
	A [6]int
	P Point
	F bool
}

func showPoint(p Point) {
	println("point", p.Name, p.X, p.Y)
}

func showArr(a [5]uint16) {
	sum := 0
	for _, v := range a {
		sum += int(v)
	}
	println("array", a[0], a[4], sum)
}

func showBig(b Big, tag string) {
	println("big", tag, b.A[0], b.A[5], b.P.Name, b.P.X, b.F)
}

func main() {
	p := Point{1, 2, "p"}
	defer showPoint(p)
	p.X = 100
	p.Name = "changed"
	defer showPoint(p)

	arr := [5]uint16{1, 2, 3, 4, 5}
	defer showArr(arr)
	arr[0] = 1000
	arr[4] = 9

	var b Big
	b.A[0] = 7
	b.P = p
	defer showBig(b, "copy")
	pb := &b
	defer func() { showBig(*pb, "via pointer") }()
	b.A[5] = 55
	b.F = true
	println("main done", p.X, arr[0], b.A[5])
}
