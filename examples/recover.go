package main

// recover turns a panic back into an ordinary return. safeDivide reports a
// division by zero as an error instead of crashing the program.

type DivError struct {
	msg string
}

func (e *DivError) Error() string { return "safeDivide: " + e.msg }

func safeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &DivError{r.(error).Error()}
		}
	}()
	return a / b, nil
}

func main() {
	q, err := safeDivide(10, 3)
	println("10 / 3 =", q, "error:", err == nil)

	q, err = safeDivide(1, 0)
	if err != nil {
		println("1 / 0 failed:", err.Error())
	}

	defer println("deferred calls run last-in, first-out: 1")
	defer println("deferred calls run last-in, first-out: 2")
	println("main returns")
}
