"""About pages (关于商会, 组织机构, 入会指南 …): staff-written pages in both languages, placed in
the main navigation in the order staff give them."""
