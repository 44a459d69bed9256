"""Every word list the rules read, in one place: small lists as Python sets in the module named
after what they describe, large tables as data files beside them. Nothing here imports spaCy."""
