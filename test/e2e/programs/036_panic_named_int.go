package main

// An unrecovered panic with a named integer type (no methods): Go prints the
// type name and the value.

type Status uint8

const (
	OK Status = iota
	Warn
	Fail
)

func main() {
	s := Fail
	println("status", uint8(s))
	panic(s)
}
