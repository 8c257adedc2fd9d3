package main

// Thousands of panics, each recovered, through the three defer kinds; the
// defer records are reused from one panic to the next.

var count int
var never = 0

func openCoded(i int) {
	defer func() {
		if recover() != nil {
			count++
		}
	}()
	if i%2 == 0 {
		panic(i)
	}
}

func stackAllocated(i int) {
	defer func() {
		if recover() != nil {
			count++
		}
	}()
	// A defer in a loop keeps this function from using open-coded defers.
	for j := 0; j < never; j++ {
		defer func() {}()
	}
	var a [4]int
	_ = a[i%8]
}

func heapAllocated(i int) {
	for j := 0; j < 3; j++ {
		defer func(k int) {
			if k == 2 && recover() != nil {
				count++
			}
		}(j)
	}
	var p *int
	if i%3 == 0 {
		println(*p)
	}
}

func main() {
	for i := 0; i < 3000; i++ {
		openCoded(i)
		stackAllocated(i)
		heapAllocated(i)
	}
	println("recovered", count)
}
