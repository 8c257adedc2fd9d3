package main

// An unrecovered panic: the pending deferred calls run, then the panic value
// and a traceback of the goroutine are printed and the program exits with
// status 2.

type Account struct {
	owner   string
	balance int
}

func (a *Account) Withdraw(amount int) {
	if amount > a.balance {
		panic("insufficient funds for " + a.owner)
	}
	a.balance -= amount
}

func pay(a *Account, amounts [3]int) {
	defer println("pay: deferred call runs before the crash report")
	for _, amt := range amounts {
		a.Withdraw(amt)
		println("paid", amt, "left", a.balance)
	}
}

func main() {
	acct := &Account{"alice", 100}
	pay(acct, [3]int{30, 50, 40})
}
