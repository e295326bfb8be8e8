"""Every briefing collected and compared: the cross-source index, divergences, editorial notes, verbatim checks."""
