"""Reads of the back-office: what a page shows, from the requests a user may see."""
