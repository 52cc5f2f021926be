"""The old website's articles: the importer (`flask --app portal import-articles`) and the
old addresses that answer with a 301 to the imported article."""
