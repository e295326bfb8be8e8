"""Pages and files from the corpus: views, the Jinja environment and templates, inert Markdown, page paths, French wording, SVG, exports."""
