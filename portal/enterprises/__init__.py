"""Member enterprises (会员企业): who they are, their level and membership status."""
