"""News: categories and articles, the editors' CMS and the public pages."""
