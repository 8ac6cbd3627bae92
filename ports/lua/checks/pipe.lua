-- lua without arguments runs its standard input as a script when it is not a terminal.
print(1 + 1)
print(("piped"):rep(3, "-"))
