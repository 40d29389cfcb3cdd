# Ã( broken
print('ok')
