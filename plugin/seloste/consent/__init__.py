"""consent stage."""
