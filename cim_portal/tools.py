def is_small_number(text):
    """True for text of 1 to 9 decimal digits: all a quantity or a record id
    from a form may be. Longer digit strings are refused like any bad value
    (int() of a huge one would raise and answer with an error page)."""
    return isinstance(text, str) and text.isdecimal() and len(text) <= 9
