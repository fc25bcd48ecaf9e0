"""The social side of the search: councils, shares, comments, debriefs (coming next)."""
