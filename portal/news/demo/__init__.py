"""The demo articles, one module per category (loaded by portal.news.demo_content)."""
