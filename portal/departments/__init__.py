"""Departments of the secretariat (综合事务部, 会员部 …): which exist, and which one is the
default that receives what no rule routes elsewhere."""
