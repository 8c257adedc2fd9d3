package main

// An unrecovered panic several calls deep through value and pointer methods,
// an interface call and a closure; the traceback lists every frame.

type Engine struct {
	rpm int
}

func (e *Engine) Rev(n int) {
	e.rpm += n
	if e.rpm > 5000 {
		e.stall()
	}
}

//go:noinline
func (e *Engine) stall() {
	panic("engine stalled")
}

type Car struct {
	eng *Engine
}

//go:noinline
func (c Car) Drive(laps int) {
	for i := 0; i < laps; i++ {
		c.eng.Rev(1500)
		println("lap", i, "rpm", c.eng.rpm)
	}
}

type Driver interface {
	Drive(laps int)
}

//go:noinline
func race(d Driver) {
	start := func() {
		d.Drive(5)
	}
	start()
}

func main() {
	race(Car{&Engine{}})
}
