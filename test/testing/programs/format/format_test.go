package format

import "testing"

type Point struct{ X, Y int }

type Named string

func (n Named) String() string { return "named:" + string(n) }

type codeError struct{ code int }

func (e *codeError) Error() string { return "code error" }

// valueError is an error by value: in an unexported field fmt prints its number.
type valueError int

func (e valueError) Error() string { return "value error" }

type Inner struct {
	Label Named
	label Named
	On    bool
}

type Outer struct {
	Name   string
	Point           // embedded
	In     Inner
	Err    error
	err    error
	Any    any
	None   any
	Bytes  [3]byte
	Grid   [2][2]int8
	Counts [2]uint16
	Ptr    *Point
}

func TestValues(t *testing.T) {
	p := Point{1, -2}
	t.Log(p, &p, [3]int{1, 2, 3}, [0]int{}, struct{}{}, [2]bool{true, false})
	var np *Point
	t.Log(np, [2]Point{{1, 2}, {3, 4}}, &[2]string{"a", "b"})
	o := Outer{
		Name:   "outer",
		Point:  Point{5, 6},
		In:     Inner{"x", "y", true},
		Err:    &codeError{1},
		err:    valueError(2),
		Any:    Point{7, 8},
		Bytes:  [3]byte{'a', 'b', 'c'},
		Grid:   [2][2]int8{{1, -1}, {2, -2}},
		Counts: [2]uint16{9, 10},
	}
	t.Log(o)
	t.Logf("%v", o)
	t.Logf("%+v", o)
	t.Logf("%+v %+v", &p, [1]Point{{9, 9}})
}

func TestVerbs(t *testing.T) {
	p := Point{1, 2}
	var np *Point
	t.Logf("%d %x %s %q", p, p, p, p)
	t.Logf("%s %q %x %v %d", [3]byte{'h', 'i', '!'}, [2]byte{'o', 'k'}, [2]byte{1, 255}, [2]byte{1, 2}, [2]byte{3, 4})
	t.Logf("%v %p %d %x", np, np, np, np)
	t.Logf("%+d %+d %+x %+v", 5, -5, 255, 7)
	t.Logf("%t %v", Inner{"l", "m", false}, Inner{"l", "m", false})
	t.Logf("%d %s", struct{ S string }{"s"}, struct{ N int }{3})
	t.Logf("%v %s", Named("n"), [2]Named{"a", "b"})
	t.Error("so that the log shows")
}
