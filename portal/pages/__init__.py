"""Public pages that belong to no feature: home, and the reader's language and font size."""
