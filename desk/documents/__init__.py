"""Reading drafts (.txt, .html, .docx) into checkable text."""
