package deferlog

import "testing"

// Open-coded: the arguments are evaluated at the defer statement.
func TestOpenCoded(t *testing.T) {
	x := 1
	defer t.Log("deferred x =", x)
	defer t.Logf("%d then %d", x, x+1)
	x = 2
	t.Log("now x =", x)
}

// An explicit return: the deferred calls name the return's line.
func TestReturn(t *testing.T) {
	defer t.Error("failed on the way out")
	if t.Name() != "" {
		return
	}
	t.Log("not reached")
}

// In a loop: heap-allocated records, run by deferreturn.
func TestLoop(t *testing.T) {
	for i := 0; i < 3; i++ {
		defer t.Log("loop", i)
	}
	t.Log("loop body done")
}

// More than eight defers: stack-allocated records.
func TestMany(t *testing.T) {
	defer t.Log(1)
	defer t.Log(2)
	defer t.Log(3)
	defer t.Log(4)
	defer t.Log(5)
	defer t.Log(6)
	defer t.Log(7)
	defer t.Log(8)
	defer t.Log(9)
}

// A deferred call run by a panic that a deferred recover stops.
func TestDuringPanic(t *testing.T) {
	defer func() { recover() }()
	defer t.Log("logged while panicking")
	panic("stopped")
}

func TestDeferredRun(t *testing.T) {
	defer t.Run("last", func(t *testing.T) { t.Log("runs at return") })
	defer t.Fail()
	t.Log("body")
}

func helper(t *testing.T) {
	t.Helper()
	defer t.Log("deferred in a helper")
}

func TestHelper(t *testing.T) {
	helper(t)
	t.Fail()
}
