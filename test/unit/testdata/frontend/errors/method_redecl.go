package main

type T struct{ M int }

func (T) F()  {}
func (*T) F() {}
func (T) M()  {}

func main() {}
