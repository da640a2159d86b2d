"""Operations: the background runner's run records and the housekeeping jobs' rules."""
