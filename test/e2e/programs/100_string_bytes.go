package main

func main() {
	s := "héllo, 世界"
	println(len(s), s[1], s[2], s[0])
	for i, r := range s {
		println(i, r)
	}
	bad := "a\xffb\xc3\x28c\xe2\x82"
	for i, r := range bad {
		println(i, r)
	}
	for i := range "日本" {
		println(i)
	}
	t := s + "!" + ""
	println(t, len(t))
	println("abc" < "abd", "abc" < "ab", "" < "a", "b" > "abc", "abc" == "ab"+"c", "x" != "x")
	println("\xff" > "\x7f", "é" > "z")
	a := "foo"
	b := a
	a += "bar"
	println(a, b)
	var e string
	println(e == "", len(e))
	println(string(rune(65)), string(rune(0x4e16)), string(rune(-1)), string(rune(0xD800)), string(rune(0x110000)))
	var c byte = s[7]
	println(c)
	const cs = "\xff" + "\xc3" + "\xbf"
	println(len(cs), cs[0], "\xff"[0]+1, cs == "\xffÿ", cs < "\xff\xff", len(`é\x`))
	var x interface{} = "\xe4\xb8"
	println(x.(string)+"\x96", string(rune(0x4e16)) == "\xe4\xb8\x96")
	defer func() {
		println(recover().(error).Error())
	}()
	i := 20
	println(s[i])
}
