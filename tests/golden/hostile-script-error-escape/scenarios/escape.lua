scenario{name="escape"}
error("\27[31mred\7 \27]0;title\7 \xff\xfe \xc2\x9b tab\tnew\nline")
