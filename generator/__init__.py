"""Briefing-site generator: analysts' YAML notes in, a sourced MkDocs site out.

The pipeline runs read → check → index → render (see :mod:`generator.pipeline`)
and knows nothing of MkDocs; :mod:`generator.plugin` is the only bridge.
"""
