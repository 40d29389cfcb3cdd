// pymm-python
