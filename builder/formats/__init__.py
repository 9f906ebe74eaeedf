"""Document formats: pure functions from prepared data to the bytes of a PDF, DOCX, PPTX or ZIP."""
