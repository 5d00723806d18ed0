"""Charts of the data desk's datasets: plain data in (``spec``), SVG and PNG out.

``render.py`` is the entry point for pages, embeds and email: it reads a dataset once, draws
the chart and keeps the result in the shared cache until the dataset changes.
"""
