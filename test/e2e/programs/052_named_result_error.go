package main

// A function turns a panic into an error result through a named result set by
// its deferred recover.

type OpError struct {
	op  string
	why string
}

func (e *OpError) Error() string { return e.op + ": " + e.why }

func divide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(error); ok {
				err = &OpError{"divide", re.Error()}
			} else {
				err = &OpError{"divide", r.(string)}
			}
			q = -1
		}
	}()
	if a < 0 {
		panic("negative dividend")
	}
	q = a / b
	return q, nil
}

func main() {
	cases := [4][2]int{{10, 2}, {7, 0}, {-4, 2}, {9, 3}}
	for _, c := range cases {
		q, err := divide(c[0], c[1])
		if err != nil {
			println(c[0], c[1], "error:", err.Error(), q)
		} else {
			println(c[0], c[1], "=", q)
		}
	}
}
