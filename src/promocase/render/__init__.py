"""Documents assembled as data, then rendered per format (Markdown, HTML, PDF, DOCX)."""
