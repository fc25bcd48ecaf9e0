"""What the demo shows, as data: one module per app, in the shapes of ``shapes.py``.

Dates and times are counted from the moment the demo is built, so it always reads as a search
in progress; everything else is written as the user would type it into the app's forms.
"""
