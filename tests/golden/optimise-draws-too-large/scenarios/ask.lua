-- 45 candidates, the plan and 3 years (2023-2025) over 1,000,000 draws: 138,000,000 amounts
-- of 8 bytes (1.1 GB) before the solver starts. Refused at the line, before anything is
-- drawn, not an out-of-memory end (or the kernel's OOM killer) far into the run
-- (r18b-attack). wrap limits the address space to 600 MB so that the old behaviour fails
-- fast.
scenario{name = "big"}
optimise{iterations = 1000000}
