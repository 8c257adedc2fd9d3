package fmtcase

import "testing"

type E struct{ s string }

func (e *E) Error() string { return "E:" + e.s }

func helper(t *testing.T, x int) {
	t.Helper()
	t.Errorf("helper got %d", x)
}

func TestFmt(t *testing.T) {
	var e error = &E{"x"}
	var p *int
	t.Log("hello", 42, true, "multi\nline")
	t.Logf("x=%d s=%s q=%q v=%v t=%T h=%x %%", 7, "str", "q\n", -3, 5, 255)
	t.Logf("e=%v nil=%v r=%q neg=%x u=%d %T %T", e, nil, 'a', -255, uint8(200), e, p)
	helper(t, 3)

}

func TestDefer(t *testing.T) {
	defer func() { t.Log("deferred ran") }()
	if t.Name() != "TestDefer" || t.Failed() {
		t.Error("name")
	}
	t.Fatalf("fatal %s", "now")
}
