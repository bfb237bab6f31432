"""Domain types and rules. Pure: no I/O, no framework imports."""
