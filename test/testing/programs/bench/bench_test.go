package bench

import "testing"

func sum(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

func TestSum(t *testing.T) {
	if sum(4) != 6 {
		t.Fatal("sum")
	}
}

func BenchmarkSum(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sum(10)
	}
}

func BenchmarkTimers(b *testing.B) {
	sum(1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		sum(100)
		b.StartTimer()
	}
}

var errX any = "x"

func BenchmarkDeferRecover(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		func() {
			defer func() { recover() }()
			panic(errX)
		}()
	}
}
