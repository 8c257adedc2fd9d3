package main

// An unrecovered panic whose value has a String method.

type Level int

func (l Level) String() string {
	switch l {
	case 0:
		return "low"
	case 1:
		return "medium"
	}
	return "HIGH"
}

type Stringer interface{ String() string }

func main() {
	var s Stringer = Level(1)
	println("level", s.String())
	panic(Level(2))
}
