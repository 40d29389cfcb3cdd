// pymm-alloc
