"""Study materials (学习资料): a library in categories, with files, audiences and the marks of
who studied what."""
