package subtests

import "testing"

func TestNames(t *testing.T) {
	t.Log("parent before")
	t.Run("sub one", func(t *testing.T) { t.Log("name:", t.Name()) })
	t.Run("sub one", func(t *testing.T) { t.Log("name:", t.Name()) })
	t.Run("sub one#01", func(t *testing.T) { t.Log("name:", t.Name()) })
	t.Run("", func(t *testing.T) { t.Log("name:", t.Name()) })
	t.Run("tab\there", func(t *testing.T) { t.Log("name:", t.Name()) })
	t.Run("bell\a", func(t *testing.T) { t.Log("name:", t.Name()) })
	t.Run("a/b", func(t *testing.T) {
		t.Run("deep", func(t *testing.T) { t.Log("name:", t.Name()) })
	})
	t.Log("parent after")
}

func TestOutcomes(t *testing.T) {
	ok := t.Run("passes", func(t *testing.T) {})
	t.Log("passes returned", ok)
	ok = t.Run("fails", func(t *testing.T) {
		t.Error("one failure")
		t.Log("still running")
	})
	t.Log("fails returned", ok, "parent failed:", t.Failed())
	t.Run("fatal", func(t *testing.T) {
		defer func() { t.Log("deferred in fatal") }()
		t.Fatal("stop")
		t.Log("not reached")
	})
	t.Run("skips", func(t *testing.T) {
		t.Skip("later")
	})
	t.Run("nested", func(t *testing.T) {
		t.Run("ok", func(t *testing.T) { t.Log("nested ok") })
		t.Run("bad", func(t *testing.T) { t.Errorf("nested %s", "bad") })
	})
}

func TestSkippedParent(t *testing.T) {
	t.Run("a", func(t *testing.T) {})
	t.Skip("skipping after a subtest")
}

func TestFailNowOnParent(t *testing.T) {
	parent := t
	t.Run("child", func(t *testing.T) {
		t.Log("child runs")
		parent.FailNow()
		t.Log("child not reached")
	})
	t.Log("parent not reached")
}

func TestAllPass(t *testing.T) {
	for _, name := range [3]string{"x", "y", "x"} {
		n := name
		t.Run(n, func(t *testing.T) {
			if t.Name() == "" {
				t.Fail()
			}
		})
	}
}
