package main

// recover returns the value passed to panic, with its dynamic type.

type Code int

type MyErr struct{ what string }

func (e *MyErr) Error() string { return "my error: " + e.what }

func catch(f func()) {
	defer func() {
		r := recover()
		switch v := r.(type) {
		case nil:
			println("no panic")
		case int:
			println("int", v)
		case string:
			println("string", v)
		case Code:
			println("Code", int(v))
		case error:
			println("error", v.Error())
		case bool:
			println("bool", v)
		case uint8:
			println("uint8", v)
		default:
			println("other")
		}
	}()
	f()
}

func main() {
	catch(func() {})
	catch(func() { panic(42) })
	catch(func() { panic("text") })
	catch(func() { panic(Code(7)) })
	catch(func() { panic(&MyErr{"disk"}) })
	catch(func() { panic(true) })
	catch(func() { panic(byte(200)) })
	catch(func() { panic([2]int{1, 2}) })
}
