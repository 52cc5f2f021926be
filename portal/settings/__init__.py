"""Site settings: the one record behind the header and footer (hotline, address, filings)."""
