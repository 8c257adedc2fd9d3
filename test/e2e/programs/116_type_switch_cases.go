package main

// Type switches with several types per case, nil, error and Stringer cases;
// a failed assertion in a deferred function after a recovered one.

type MyErr struct{ code int }

func (e *MyErr) Error() string { return "myerr" }

type Str string

func (s Str) String() string { return "Str(" + string(s) + ")" }

type Stringer interface{ String() string }

func classify(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int, int8:
		_ = v
		return "int-ish"
	case string:
		return "string " + v
	case error:
		return "error " + v.Error()
	case Stringer:
		return "stringer " + v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	default:
		return "other"
	}
}

func main() {
	var e *MyErr
	var err error = e
	println(classify(nil), classify(1), classify(int8(2)), classify("s"), classify(err), classify(Str("q")), classify(true), classify(uint(3)))
	println(err != nil, e == nil)
	switch err.(type) {
	case nil:
		println("nil case")
	case *MyErr:
		println("*MyErr case")
	}
	var s Stringer = Str("z")
	if v, ok := s.(Str); ok {
		println("ok", string(v))
	}
	if _, ok := s.(interface{ Error() string }); !ok {
		println("not error")
	}
	var x any = Str("w")
	st, ok := x.(Stringer)
	println(st.String(), ok)
	_, ok = x.(error)
	println(ok)
	defer func() {
		r := recover()
		println(r.(error).Error())
		var y any = 5
		_ = y.(Stringer)
	}()
	_ = x.(int)
}
