package main

// An unrecovered panic whose value is an error: the message printed is the
// result of its Error method.

type ParseError struct {
	line int
	msg  string
}

func (e *ParseError) Error() string {
	return "parse error: " + e.msg
}

func parse(s string) {
	if len(s) > 3 {
		var err error = &ParseError{3, "input too long: " + s}
		panic(err)
	}
	println("parsed", s)
}

func main() {
	parse("abc")
	parse("abcdef")
}
