"""Views of the meeting record: parse, access, one service or selector, render."""
