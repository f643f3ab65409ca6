"""The demo and what it is made of: synthetic scans of the seed articles, and scoring against ground truth."""
