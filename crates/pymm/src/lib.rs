// pymm
