"""importer stage."""
