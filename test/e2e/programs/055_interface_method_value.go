package main

// Method values taken from interfaces and deferred: the dynamic type and the
// receiver are fixed when the method value is evaluated.

type Speaker interface {
	Say(word string)
}

type Loud struct{ name string }

func (l Loud) Say(word string) { println(l.name, "says", word+"!") }

type Quiet struct{ name string }

func (q *Quiet) Say(word string) { println(q.name, "whispers", word) }

func main() {
	var sp Speaker = Loud{"loud"}
	say := sp.Say
	defer say("first")
	q := &Quiet{"quiet"}
	sp = q
	defer sp.Say("second")
	whisper := sp.Say
	q.name = "renamed"
	defer whisper("third")
	sp = Loud{"other"}
	say("now")
	sp.Say("now")
}
