package fmtcase

import "testing"

var setup int

func init() { setup = 42 }

func TestPass(t *testing.T) {
	t.Log("not shown: the test passes")
	if setup != 42 {
		t.Fatal("init did not run")
	}
}

func TestSkip(t *testing.T) {
	t.Skip("not ready")
	t.Error("unreached")
}

func TestErrorThenMore(t *testing.T) {
	t.Error("first", 1)
	t.Log("still running")
	t.Errorf("second %d", 2)
}

func TestFatalStops(t *testing.T) {
	n := 0
	defer func() { t.Logf("deferred sees n=%d", n) }()
	n++
	t.Fatal("stop here")
	n++
}
