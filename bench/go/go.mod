module deferbench

go 1.19
