"""Team sheets: import and export (.xlsx/.csv) and the web team form, with one validation."""
