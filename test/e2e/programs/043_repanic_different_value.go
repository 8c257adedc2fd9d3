package main

// A deferred call recovers one panic and panics with a different value; the
// caller recovers the new value.

type WrapErr struct {
	cause string
}

func (w WrapErr) Error() string { return "wrapped: " + w.cause }

func risky() {
	defer func() {
		if r := recover(); r != nil {
			panic(WrapErr{r.(string)})
		}
	}()
	panic("disk full")
}

func main() {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			println("main recovered error:", e.Error())
		}
		if _, ok := r.(string); !ok {
			println("the original string is gone")
		}
	}()
	risky()
}
