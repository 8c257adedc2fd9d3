// A benchmark file written the way a user writes one, apart from the
// suite: recovered panics turned into errors, a defer of a method value and
// a conditional one, b.Run over an array of depths, a test with a subtest.
// It runs unchanged under go test -bench=. and deferlab test -bench=.
package cleanupbench

import "testing"

type codeErr struct{ code int }

func (e *codeErr) Error() string { return "code error" }

type cleanup struct{ n int }

func (c *cleanup) close() { c.n++ }

func guarded(n int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
				return
			}
			err = &codeErr{-1}
		}
	}()
	if n%2 == 0 {
		panic(&codeErr{n})
	}
	if n%3 == 0 {
		panic("three")
	}
	return nil
}

func withCleanup(c *cleanup, n int) int {
	defer c.close()
	if n > 5 {
		defer c.close()
	}
	return n * 2
}

func recurse(d int) {
	if d == 0 {
		panic("bottom")
	}
	recurse(d - 1)
}

func catch(d int) (caught bool) {
	defer func() { caught = recover() != nil }()
	recurse(d)
	return false
}

func BenchmarkGuarded(b *testing.B) {
	b.ReportAllocs()
	errs := 0
	for i := 0; i < b.N; i++ {
		if guarded(i) != nil {
			errs++
		}
	}
	if b.N > 6 && errs == 0 {
		b.Fatal("no errors")
	}
}

func BenchmarkCleanup(b *testing.B) {
	var c cleanup
	for i := 0; i < b.N; i++ {
		withCleanup(&c, i%10)
	}
}

func BenchmarkCatch(b *testing.B) {
	for _, d := range [...]int{1, 8, 64} {
		b.Run("depth", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if !catch(d) {
					b.Fatal("not caught")
				}
			}
		})
	}
}

func TestGuarded(t *testing.T) {
	if guarded(1) != nil {
		t.Error("1 should not fail")
	}
	err := guarded(4)
	if ce, ok := err.(*codeErr); !ok || ce.code != 4 {
		t.Fatalf("got %v", err)
	}
	t.Run("three", func(t *testing.T) {
		if guarded(3) == nil {
			t.Error("3 should fail")
		}
	})
}
