print('\N{NOT A NAME}')
