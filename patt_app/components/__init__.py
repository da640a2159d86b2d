"""Reusable UI pieces: layout, heatmap grid, tables, badges, forms."""
