package main

// Runtime errors held in interfaces compare as Go's runtime types do:
// errorString and boundsError by value, *TypeAssertionError by pointer.

func catch(f func()) (err error) {
	defer func() {
		err = recover().(error)
	}()
	f()
	return nil
}

func main() {
	zero := 0
	var arr [3]int
	d1 := catch(func() { println(1 / zero) })
	d2 := catch(func() { println(2 % zero) })
	println(d1 == d2, d1.Error())
	i, j := 5, 6
	b1 := catch(func() { arr[i] = 1 })
	b2 := catch(func() { arr[i] = 2 })
	b3 := catch(func() { arr[j] = 3 })
	println(b1 == b2, b1 == b3, b1 == d1)
	var p *[3]int
	n1 := catch(func() { p[0] = 1 })
	n2 := catch(func() { p[1] = 1 })
	println(n1 == n2, n1 == d1)
	var x any = "s"
	t1 := catch(func() { _ = x.(int) })
	t2 := catch(func() { _ = x.(int) })
	println(t1 == t2, t1 == t1)
	var e1, e2 any = d1, d2
	println(e1 == e2, e1 == b1)
}
