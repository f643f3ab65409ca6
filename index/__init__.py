"""The search side: Vietnamese-aware analysis, the tantivy index of pages, queries with snippets.

It receives plain ``PageRecord`` values and knows nothing of how they were made.
"""
