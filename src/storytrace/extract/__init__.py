"""Extraction from clean articles: entities, quotes, quantities, dates."""
