"""Plain-Python engines (no Django imports): calendar rules, placement, prediction."""
