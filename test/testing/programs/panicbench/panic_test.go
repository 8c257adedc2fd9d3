package panicbench

import "testing"

func BenchmarkFine(b *testing.B) {
	for i := 0; i < b.N; i++ {
	}
}

func BenchmarkPanics(b *testing.B) {
	if b.N > 5 {
		panic("too many")
	}
}
