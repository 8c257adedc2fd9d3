package main

// The runtime calls init functions itself, after the package's variables
// are initialised: a panic in one shows no main.init frame.

var v = set("v")

func set(s string) string {
	println("var", s)
	return s
}

func init() {
	defer func() {
		println("recovered in init.0:", recover().(string))
	}()
	panic("first " + v)
}

type name struct{}

func init() {
	defer println("deferred in init.1")
	var y interface{} = name{}
	_ = y.(int)
}

func main() {
	println("not reached")
}
