"""The official report (DOCX/XLSX) and the weekly digest, built from one neutral model."""
