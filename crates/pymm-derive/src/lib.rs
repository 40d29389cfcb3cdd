// pymm-derive
