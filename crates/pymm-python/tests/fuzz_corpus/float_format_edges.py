print(f'{1e308:.1000f}'[:10], f'{-0.0}', round(1e300, -400), float('nan') in [float('nan')])
