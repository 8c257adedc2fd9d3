package main

func f() (int, string) {
	return 1
}

func g() {
	return 1
}

func h() int {
	return "s"
}

func main() { f(); g(); h() }
