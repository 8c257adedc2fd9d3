package main

import "fmt"

func main() {
	var s []int
	m := map[string]int{}
	go f()
	var f float64 = 1.5
	s = append(s, 1)
	ch := make(chan int)
	println(s, m, f, ch)
}
