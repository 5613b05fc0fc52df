"""The secretariat's consultation desk: perspectives, questions, comment periods, publication."""
