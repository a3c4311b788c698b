-- No collectgarbage.
collectgarbage()
