"""The server-rendered pages of coalitions, organizations and units, split by topic."""
