"""Web pages of work among the masses, one module per subject (see fieldwork/urls.py)."""
