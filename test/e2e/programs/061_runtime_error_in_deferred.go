package main

// A deferred call recovers a panic and then hits a nil pointer dereference:
// the recovered panic is printed with its mark, then the runtime error.

type Config struct {
	name *string
}

func load(c *Config) {
	defer func() {
		r := recover()
		println("recovered:", r.(string), "now reading the name")
		println(*c.name)
	}()
	panic("load failed")
}

func main() {
	load(&Config{})
}
