package panics

import "testing"

type codeError struct{ code int }

func (e *codeError) Error() string { return "code error" }

func TestLogsThenPanics(t *testing.T) {
	t.Log("before the panic")
	panic("boom")
}

func TestSubtestPanics(t *testing.T) {
	t.Log("parent log")
	t.Run("passes", func(t *testing.T) { t.Log("not shown without -v") })
	t.Run("inner", func(t *testing.T) {
		t.Error("failed before the panic")
		t.Run("deepest", func(t *testing.T) {
			defer t.Log("deferred call ran")
			panic(&codeError{7})
		})
	})
	t.Log("never reached")
}

func TestPanicInDeferredCall(t *testing.T) {
	defer func() { panic("second") }()
	panic("first")
}

func TestNilPanic(t *testing.T) {
	panic(nil)
}

func TestIndexPanic(t *testing.T) {
	var a [3]int
	i := 5
	t.Log(a[i])
}

func TestRecoversItself(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Log("recovered:", r)
		}
	}()
	panic("handled")
}

// A subtest runs on a goroutine of its own: its panic does not run the
// parent's deferred calls, and the parent cannot recover it.
func TestParentCannotRecover(t *testing.T) {
	defer func() {
		recover()
		t.Log("the parent recovered")
	}()
	t.Run("sub", func(t *testing.T) { panic("sub panics") })
}
