print(int('1' * 5000))
print(int('-0x10', 16), int('  12_3 '))
int('1_')
