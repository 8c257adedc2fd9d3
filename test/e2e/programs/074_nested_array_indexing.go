package main

// Elements of nested arrays in the frame, indexed by variables and
// constants in every order, assigned from calls that move the stack.

func f(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		return 7
	}
	return f(n-1) + pad[n%64] - n
}

func main() {
	var a [3][4]int
	i := 1
	j := 2
	a[i][2] = 5
	println(a[0][2], a[1][2])
	a[2][j] = 6
	println(a[2][2], a[0][2])
	a[i][j+1] = f(300)
	a[2][j] += f(200) * 2
	a[i-1][i] = a[i][j+1] + a[2][j]
	for k := 0; k < 3; k++ {
		println(a[k][0], a[k][1], a[k][2], a[k][3])
	}
}
