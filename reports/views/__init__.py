"""Views of the reports app, by concern."""
