package main

// Nested structs and arrays are values: assignment, arguments and results
// copy them; pointers to fields and elements alias them.

type T struct {
	a [3]int8
	b struct {
		c uint16
		d [2]string
	}
}

func mod(t T) T {
	t.a[0] = -1
	t.b.d[1] = "changed"
	return t
}

func main() {
	var t T
	t.a = [3]int8{1, 2, 3}
	t.b.c = 65535
	t.b.d = [2]string{"x", "y"}
	u := mod(t)
	println(t.a[0], t.b.d[1], u.a[0], u.b.d[1], u.b.c+1)
	p := &t.b
	p.c++
	q := &t.a[2]
	*q += 125
	println(t.b.c, t.a[2])
	arr := [2]T{t, u}
	arr2 := arr
	arr2[0].b.d[0] = "z"
	println(arr[0].b.d[0], arr2[0].b.d[0], arr == arr2, arr[1] == u)
	pa := &arr
	pa[1].a[1] = 9
	println(arr[1].a[1])
	var np *T
	defer func() { println(recover().(error).Error()) }()
	println(np.b.d[0])
}
