class A(object, object): pass
