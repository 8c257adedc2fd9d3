package subbench

import "testing"

func work(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

// BenchmarkSizes only calls b.Run: it prints no line of its own.
func BenchmarkSizes(b *testing.B) {
	b.Log("not shown: the parent has sub-benchmarks")
	for _, size := range [3]int{10, 100, 10} {
		n := size
		name := "small"
		if n > 10 {
			name = "large one"
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				work(n)
			}
		})
	}
}

func BenchmarkNested(b *testing.B) {
	b.Run("outer", func(b *testing.B) {
		b.Run("inner", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				work(3)
			}
		})
	})
	b.Run("a much longer name that widens the column", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
		}
	})
}

func BenchmarkSkipped(b *testing.B) {
	b.Skip("skipped in its first run")
}

func BenchmarkLogs(b *testing.B) {
	b.Run("logs", func(b *testing.B) {
		b.Logf("N=%d", b.N)
		for i := 0; i < b.N; i++ {
		}
	})
	b.Run("fails", func(b *testing.B) {
		if b.N > 1 {
			b.Errorf("fails at N=%d", b.N)
		}
	})
}
