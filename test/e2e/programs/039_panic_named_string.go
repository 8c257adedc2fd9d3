package main

// An unrecovered panic with a named string type and one with a bool: Go prints
// the type name with the quoted string. The bool panic is recovered first.

type Reason string

func main() {
	defer func() {
		r := recover()
		println("recovered bool:", r.(bool))
		panic(Reason("out of \"space\""))
	}()
	panic(false)
}
