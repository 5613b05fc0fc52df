"""Reading survey spreadsheets as people keep them, and refusing hostile files."""
