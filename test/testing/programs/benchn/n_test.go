package benchn

import "testing"

func BenchmarkSeesN(b *testing.B) {
	b.Log("N is", b.N)
	for i := 0; i < b.N; i++ {
	}
}
