package deferbench

// The benchmark suite of deferlab: plain Go benchmarks that run unchanged
// under `go test -bench=.` and `deferlab test -bench=.`. The deferred
// closure and the five functions measured per op are DESIGN.md's; the
// depth benchmarks are bench/stack.go.tmpl's catch. Each defer's kind follows from Go's own rules and is checked
// against `go test -gcflags=-d=defer` (classify.defer, test/bench/).

import "testing"

var sink int

func plainCall() {
	func(x, y, z int) {
		if recover() != nil || x != 1 || y != 2 || z != 3 {
			panic("bad recover")
		}
	}(1, 2, 3)
}

// One defer, not in a loop, one return: open-coded.
func openCoded() {
	defer func(x, y, z int) {
		if recover() != nil || x != 1 || y != 2 || z != 3 {
			panic("bad recover")
		}
	}(1, 2, 3)
}

// More than 8 defers in one function rule out open-coding; the measured
// defer runs once per call, so it is stack-allocated. The other eight never
// execute.
func stackAllocated() {
	f := func(x, y, z int) {
		if recover() != nil || x != 1 || y != 2 || z != 3 {
			panic("bad recover")
		}
	}
	if sink < 0 {
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
		defer f(1, 2, 3)
	}
	defer f(1, 2, 3)
}

// A defer in a loop may execute many times per frame: heap-allocated.
func heapAllocated() {
	for i := 0; i < 1; i++ {
		defer func(x, y, z int) {
			if recover() != nil || x != 1 || y != 2 || z != 3 {
				panic("bad recover")
			}
		}(1, 2, 3)
	}
}

func panicRecover() {
	defer func() {
		recover()
	}()
	panic("x")
}

// Ten heap-allocated defers of the same closure, run at return.
func tenDefersInLoop() {
	for i := 0; i < 10; i++ {
		defer func(x, y, z int) {
			if recover() != nil || x != 1 || y != 2 || z != 3 {
				panic("bad recover")
			}
		}(1, 2, 3)
	}
}

// down panics at the bottom of d frames; catch recovers it above them.
func down(d int) {
	if d == 0 {
		panic("bottom")
	}
	down(d - 1)
}

func catch(depth int) {
	defer func() {
		recover()
	}()
	down(depth)
}

func BenchmarkPlainCall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		plainCall()
	}
}

func BenchmarkDeferOpenCoded(b *testing.B) {
	for i := 0; i < b.N; i++ {
		openCoded()
	}
}

func BenchmarkDeferStack(b *testing.B) {
	for i := 0; i < b.N; i++ {
		stackAllocated()
	}
}

func BenchmarkDeferHeap(b *testing.B) {
	for i := 0; i < b.N; i++ {
		heapAllocated()
	}
}

func BenchmarkDeferPanicRecover(b *testing.B) {
	for i := 0; i < b.N; i++ {
		panicRecover()
	}
}

func BenchmarkPanicRecoverDepth1(b *testing.B) {
	for i := 0; i < b.N; i++ {
		catch(1)
	}
}

func BenchmarkPanicRecoverDepth10(b *testing.B) {
	for i := 0; i < b.N; i++ {
		catch(10)
	}
}

func BenchmarkPanicRecoverDepth100(b *testing.B) {
	for i := 0; i < b.N; i++ {
		catch(100)
	}
}

func BenchmarkPanicRecoverDepth1000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		catch(1000)
	}
}

func BenchmarkTenDefersInLoop(b *testing.B) {
	for i := 0; i < b.N; i++ {
		tenDefersInLoop()
	}
}

// All b.N defers pile up in this frame and run when it returns, inside the
// timed region: per op, one heap defer queued and later run.
func BenchmarkDefersInOneFrame(b *testing.B) {
	for i := 0; i < b.N; i++ {
		defer func(x, y, z int) {
			if recover() != nil || x != 1 || y != 2 || z != 3 {
				panic("bad recover")
			}
		}(1, 2, 3)
	}
}
