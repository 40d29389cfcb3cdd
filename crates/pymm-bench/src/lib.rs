// pymm-bench
