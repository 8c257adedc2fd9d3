package main

// Recovered values of several kinds turned into errors by a type switch in
// the deferred function.

type E struct{ msg string }

func (e *E) Error() string { return e.msg }

func work(i int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			switch v := r.(type) {
			case error:
				err = v
			case string:
				err = &E{"string: " + v}
			default:
				err = &E{"unknown"}
			}
		}
	}()
	switch i {
	case 0:
		panic(&E{"custom"})
	case 1:
		panic("str")
	case 2:
		panic(42)
	case 3:
		var m *E
		_ = m.msg
	}
	return nil
}

func main() {
	for i := 0; i < 5; i++ {
		err := work(i)
		if err != nil {
			println(i, err.Error())
		} else {
			println(i, "nil")
		}
	}
}
