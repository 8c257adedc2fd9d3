package main

// When a panic is not recovered, every pending deferred call on the stack
// still runs before Go prints the panic and exits.

func leaf() {
	defer println("leaf defer")
	var arr [2]int
	k := 2
	for i := 0; i < 3; i++ {
		defer println("leaf loop defer", i)
	}
	arr[k%4] = 1
}

func mid() {
	defer func() {
		println("mid defer sees recover nil? (helper)", check())
	}()
	leaf()
}

func check() bool {
	return recover() == nil
}

func main() {
	defer println("main defer")
	mid()
}
