"""Full-text search over the portal's content: a generic index of documents and /search."""
